namespace WorkflowHost.Data;

public static class ExceptionCauses
{
    /// <summary>
    /// The exception and every inner exception below it: EF Core and the providers' execution strategies wrap a
    /// database's error one or more times, so classifying it means looking down the whole chain.
    /// </summary>
    public static IEnumerable<Exception> AndCauses(this Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException) yield return cause;
    }
}
