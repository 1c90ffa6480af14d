using System.Linq.Expressions;
using WorkflowHost.Data.Entities;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Who may see and who may work a task (architecture decision 13). A task of a dossier belongs to one unit: people of
/// that unit whose role or name the task's candidates list (or who hold it) may work it, the unit's managers may read
/// it, admins may do both everywhere. A task outside any dossier is scoped by candidate groups and users alone. The
/// same rule is one expression for queries (so scope is in the SQL, never a filter after paging) and one predicate for
/// rows already in memory.
/// </summary>
public static class TaskScope
{
    public static IQueryable<TaskEntity> Visible(IQueryable<TaskEntity> tasks, Actor actor) =>
        actor.IsAdmin ? tasks : tasks.Where(VisibleTo(actor));

    public static Expression<Func<TaskEntity, bool>> VisibleTo(Actor actor)
    {
        var me = actor.UserName;
        var groups = actor.Groups.ToList();
        var units = actor.Units.ToList();
        var manager = actor.IsManager;
        return t => (t.UnitCode == null
                     && (t.Assignee == me || t.Candidates.Any(c => (c.Kind == CandidateKind.Group && groups.Contains(c.Name)) || (c.Kind == CandidateKind.User && c.Name == me))))
                    || (t.UnitCode != null && units.Contains(t.UnitCode)
                        && (manager || t.Assignee == me || t.Candidates.Any(c => (c.Kind == CandidateKind.Group && groups.Contains(c.Name)) || (c.Kind == CandidateKind.User && c.Name == me))));
    }

    /// <summary><see cref="VisibleTo"/>, or everything for an admin.</summary>
    public static Expression<Func<TaskEntity, bool>> VisibleOrAdmin(Actor actor) => actor.IsAdmin ? t => true : VisibleTo(actor);

    public static bool MaySee(TaskEntity task, Actor actor) =>
        actor.IsAdmin || (task.UnitCode is null ? IsCandidate(task, actor) : actor.Units.Contains(task.UnitCode) && (actor.IsManager || IsCandidate(task, actor)));

    public static bool MayWork(TaskEntity task, Actor actor) =>
        actor.IsAdmin || ((task.UnitCode is null || actor.Units.Contains(task.UnitCode)) && IsCandidate(task, actor));

    private static bool IsCandidate(TaskEntity task, Actor actor) =>
        task.Assignee == actor.UserName
        || task.Candidates.Any(c => (c.Kind == CandidateKind.Group && actor.Groups.Contains(c.Name)) || (c.Kind == CandidateKind.User && c.Name == actor.UserName));
}
