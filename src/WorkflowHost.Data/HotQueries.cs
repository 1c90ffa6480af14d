using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using WorkflowHost.Data.Entities;

namespace WorkflowHost.Data;

/// <summary>A task with its candidates and the instance row it belongs to, tracked for the write that follows.</summary>
public sealed record TaskWithInstance(TaskEntity Task, List<TaskCandidateEntity> Candidates, InstanceEntity Instance);

/// <summary>
/// Queries on the task-completion path, compiled once: building the LINQ expression tree and looking it up in EF's
/// query cache on every request cost about as much server CPU as the rest of the read (docs/benchmarks.md).
/// Compiled per model, because a compiled query refuses a context of another model (SQLite and PostgreSQL, or two
/// test hosts side by side).
/// </summary>
public static class HotQueries
{
    private static readonly ConditionalWeakTable<IModel, Func<WorkflowDbContext, Guid, CancellationToken, Task<TaskWithInstance?>>> TaskWithInstanceByModel = new();

    public static Task<TaskWithInstance?> TaskWithInstanceAsync(this WorkflowDbContext db, Guid taskId, CancellationToken ct) =>
        TaskWithInstanceByModel.GetValue(db.Model, static _ => EF.CompileAsyncQuery((WorkflowDbContext c, Guid id, CancellationToken token) =>
            (from t in c.Tasks
             join i in c.Instances on t.InstanceId equals i.Id
             where t.Id == id
             select new TaskWithInstance(t, t.Candidates.ToList(), i)).SingleOrDefault()))(db, taskId, ct);
}
