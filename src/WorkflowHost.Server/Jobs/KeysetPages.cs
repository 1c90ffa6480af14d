using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Server.Jobs;

/// <summary>
/// Reads the rows a reconciler must look at in pages ordered by id, each page starting after the last id of the one
/// before (keyset, not offset: rows the reconciler updates or that finish meanwhile never shift a page, and no page
/// costs more than its size). Holding all pending rows at once would not do at 10 million tasks.
/// </summary>
internal static class KeysetPages
{
    /// <summary>
    /// Yields the pages of <paramref name="query"/> (already filtered, not ordered) of at most <paramref name="pageSize"/>
    /// rows, each row projected by <paramref name="select"/>; <paramref name="id"/> is the key in the query and
    /// <paramref name="keyOf"/> reads it back from a projected row.
    /// </summary>
    public static async IAsyncEnumerable<List<TRow>> ReadAsync<T, TRow>(IQueryable<T> query, Expression<Func<T, Guid>> id,
        Expression<Func<T, TRow>> select, Func<TRow, Guid> keyOf, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        Guid? after = null;
        while (true)
        {
            var filtered = after is { } last ? query.Where(After(id, last)) : query;
            var page = await filtered.OrderBy(id).Take(pageSize).Select(select).ToListAsync(ct);
            if (page.Count == 0) yield break;
            yield return page;
            if (page.Count < pageSize) yield break;
            after = keyOf(page[^1]);
        }
    }

    /// <summary><c>id(row) &gt; last</c>, with <paramref name="last"/> read from a closure so EF sends it as a parameter.</summary>
    private static Expression<Func<T, bool>> After<T>(Expression<Func<T, Guid>> id, Guid last)
    {
        var bound = new Bound(last);
        return Expression.Lambda<Func<T, bool>>(Expression.GreaterThan(id.Body, Expression.Property(Expression.Constant(bound), nameof(Bound.Last))), id.Parameters);
    }

    private sealed record Bound(Guid Last);
}
