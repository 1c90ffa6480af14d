using Acornima.Ast;

namespace WorkflowHost.Engine.Expressions;

/// <summary>What <see cref="ScopeAnalyzer"/> found out about a program or expression.</summary>
internal sealed class ScopeAnalysis
{
    /// <summary>Free names read, in order of first appearance.</summary>
    public List<string> Referenced { get; } = [];

    /// <summary>Free names written (<c>x = ..</c>, <c>x += ..</c>, <c>x++</c>, <c>delete x</c>) and top-level var/let/const names, in order.</summary>
    public List<string> Assigned { get; } = [];

    /// <summary>Top-level let/const names: they live in the global lexical scope, not on the global object.</summary>
    public HashSet<string> TopLevelLexical { get; } = new(StringComparer.Ordinal);

    /// <summary>Top-level var/let/const names (helpers a script declares, as opposed to names it assigns without declaring).</summary>
    public HashSet<string> TopLevelDeclared { get; } = new(StringComparer.Ordinal);

    /// <summary>True when the code can reach the global object (<c>this</c>, <c>globalThis</c>) or writes anything.</summary>
    public bool MayChangeGlobals { get; set; }

    /// <summary>True when the code is built only from literals and operators: its value never changes.</summary>
    public bool IsConstant { get; set; }
}

/// <summary>
/// Resolves identifiers of an Acornima AST against JavaScript's scoping rules (function and block scopes, hoisting,
/// parameters, catch bindings, class and function-expression names) to find the free names code reads and writes.
/// Names in <paramref name="ignoredNames"/> (built-ins and engine-provided globals) are never reported.
/// </summary>
internal sealed class ScopeAnalyzer(IReadOnlySet<string> ignoredNames)
{
    private sealed class Scope(Scope? parent, bool isProgram)
    {
        public Scope? Parent { get; } = parent;
        public bool IsProgram { get; } = isProgram;
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
    }

    private readonly ScopeAnalysis _result = new();
    private readonly HashSet<string> _referenced = new(StringComparer.Ordinal);
    private readonly HashSet<string> _assigned = new(StringComparer.Ordinal);
    private Scope _scope = new(null, isProgram: true);

    public ScopeAnalysis AnalyzeExpression(Expression expression)
    {
        _result.IsConstant = IsConstantExpression(expression);
        Walk(expression);
        return _result;
    }

    public ScopeAnalysis AnalyzeScript(Script script)
    {
        var program = _scope;
        var varNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in script.Body) CollectVarNames(statement, program.Names, varNames);
        foreach (var name in varNames) AddDeclared(name, lexical: false);
        foreach (var statement in script.Body)
        {
            if (statement is VariableDeclaration { Kind: not VariableDeclarationKind.Var } lexical)
                foreach (var declarator in lexical.Declarations)
                    foreach (var name in BoundNames(declarator.Id))
                        AddDeclared(name, lexical: true);
        }
        CollectLexicalNames(script.Body, program.Names);
        foreach (var statement in script.Body) Walk(statement);
        return _result;
    }

    private void AddDeclared(string name, bool lexical)
    {
        if (ignoredNames.Contains(name)) return;
        _result.TopLevelDeclared.Add(name);
        if (lexical) _result.TopLevelLexical.Add(name);
        if (_assigned.Add(name)) _result.Assigned.Add(name);
    }

    // ---------- resolution ----------

    private void Read(string name)
    {
        if (name == "globalThis") _result.MayChangeGlobals = true;
        if (IsFree(name) && !ignoredNames.Contains(name) && _referenced.Add(name)) _result.Referenced.Add(name);
    }

    private void Write(string name)
    {
        _result.MayChangeGlobals = true;
        if (IsFree(name) && !ignoredNames.Contains(name) && _assigned.Add(name)) _result.Assigned.Add(name);
    }

    /// <summary>Free means bound by no enclosing declaration; top-level declarations count as bound.</summary>
    private bool IsFree(string name)
    {
        for (var scope = _scope; scope is not null; scope = scope.Parent)
            if (scope.Names.Contains(name)) return false;
        return true;
    }

    private Scope Push()
    {
        var previous = _scope;
        _scope = new Scope(previous, isProgram: false);
        return previous;
    }

    // ---------- walking ----------

    private void Walk(Node? node)
    {
        switch (node)
        {
            case null:
                return;
            case Identifier identifier:
                Read(identifier.Name);
                return;
            case ThisExpression:
                _result.MayChangeGlobals = true;
                return;
            case MemberExpression member:
                Walk(member.Object);
                if (member.Computed) Walk(member.Property);
                return;
            case AssignmentExpression assignment:
                if (assignment.Left is Identifier target)
                {
                    if (assignment.Operator != Acornima.Operator.Assignment) Read(target.Name);
                    Write(target.Name);
                }
                else
                {
                    _result.MayChangeGlobals = true;
                    WalkAssignmentTarget(assignment.Left);
                }
                Walk(assignment.Right);
                return;
            case UpdateExpression update:
                _result.MayChangeGlobals = true;
                if (update.Argument is Identifier counter)
                {
                    Read(counter.Name);
                    Write(counter.Name);
                }
                else Walk(update.Argument);
                return;
            case UnaryExpression { Operator: Acornima.Operator.Delete } delete:
                _result.MayChangeGlobals = true;
                if (delete.Argument is Identifier deleted) Write(deleted.Name);
                else Walk(delete.Argument);
                return;
            case Property property: // object literal member
                if (property.Computed) Walk(property.Key);
                Walk(property.Value);
                return;
            case MethodDefinition or PropertyDefinition or AccessorProperty:
                var classMember = (ClassProperty)node;
                if (classMember.Computed) Walk(classMember.Key);
                WalkFunctionLike(classMember.Value);
                return;
            case StaticBlock staticBlock:
                WalkBody(staticBlock.Body, parameters: default, isArrow: true);
                return;
            case LabeledStatement labeled:
                Walk(labeled.Body);
                return;
            case BreakStatement or ContinueStatement or MetaProperty or Literal or TemplateElement or PrivateIdentifier or DebuggerStatement or EmptyStatement:
                return;
            case FunctionDeclaration function:
                // the name was bound by hoisting in the enclosing scope
                WalkFunction(function.Params, function.Body, isArrow: false);
                return;
            case FunctionExpression function:
                WalkNamedFunctionExpression(function);
                return;
            case ArrowFunctionExpression arrow:
                WalkFunction(arrow.Params, arrow.Body, isArrow: true);
                return;
            case ClassDeclaration classDeclaration:
                WalkClass(classDeclaration.Id, classDeclaration.SuperClass, classDeclaration.Body);
                return;
            case ClassExpression classExpression:
                WalkClass(classExpression.Id, classExpression.SuperClass, classExpression.Body);
                return;
            case BlockStatement block: // also NestedBlockStatement
            {
                var previous = Push();
                CollectLexicalNames(block.Body, _scope.Names);
                foreach (var statement in block.Body) Walk(statement);
                _scope = previous;
                return;
            }
            case VariableDeclaration declaration:
                foreach (var declarator in declaration.Declarations)
                {
                    WalkBindingPattern(declarator.Id);
                    Walk(declarator.Init);
                }
                return;
            case ForStatement loop:
            {
                var previous = Push();
                if (loop.Init is VariableDeclaration { Kind: not VariableDeclarationKind.Var } init)
                    foreach (var declarator in init.Declarations) _scope.Names.UnionWith(BoundNames(declarator.Id));
                Walk(loop.Init);
                Walk(loop.Test);
                Walk(loop.Update);
                Walk(loop.Body);
                _scope = previous;
                return;
            }
            case ForInStatement forIn:
                WalkForInOf(forIn.Left, forIn.Right, forIn.Body);
                return;
            case ForOfStatement forOf:
                WalkForInOf(forOf.Left, forOf.Right, forOf.Body);
                return;
            case SwitchStatement switchStatement:
            {
                Walk(switchStatement.Discriminant);
                var previous = Push();
                foreach (var switchCase in switchStatement.Cases) CollectLexicalNames(switchCase.Consequent, _scope.Names);
                foreach (var switchCase in switchStatement.Cases)
                {
                    Walk(switchCase.Test);
                    foreach (var statement in switchCase.Consequent) Walk(statement);
                }
                _scope = previous;
                return;
            }
            case CatchClause catchClause:
            {
                var previous = Push();
                if (catchClause.Param is not null)
                {
                    _scope.Names.UnionWith(BoundNames(catchClause.Param));
                    WalkBindingPattern(catchClause.Param);
                }
                Walk(catchClause.Body);
                _scope = previous;
                return;
            }
            case ObjectPattern or ArrayPattern or AssignmentPattern or RestElement:
                // only reached for patterns outside declarations and assignments (not valid JS); be conservative
                WalkAssignmentTarget(node);
                return;
            default:
                foreach (var child in node.ChildNodes) Walk(child);
                return;
        }
    }

    private void WalkForInOf(Node left, Expression right, Statement body)
    {
        Walk(right);
        var previous = Push();
        if (left is VariableDeclaration declaration)
        {
            if (declaration.Kind != VariableDeclarationKind.Var)
                foreach (var declarator in declaration.Declarations) _scope.Names.UnionWith(BoundNames(declarator.Id));
            Walk(declaration);
        }
        else if (left is Identifier identifier) Write(identifier.Name);
        else
        {
            _result.MayChangeGlobals = true;
            WalkAssignmentTarget(left);
        }
        Walk(body);
        _scope = previous;
    }

    private void WalkNamedFunctionExpression(FunctionExpression function)
    {
        if (function.Id is null)
        {
            WalkFunction(function.Params, function.Body, isArrow: false);
            return;
        }
        var previous = Push();
        _scope.Names.Add(function.Id.Name);
        WalkFunction(function.Params, function.Body, isArrow: false);
        _scope = previous;
    }

    private void WalkFunctionLike(Node? value)
    {
        if (value is FunctionExpression function) WalkNamedFunctionExpression(function);
        else if (value is not null)
        {
            // class field initialisers run like a method body
            var previous = Push();
            Walk(value);
            _scope = previous;
        }
    }

    private void WalkFunction(in NodeList<Node> parameters, StatementOrExpression body, bool isArrow)
    {
        if (body is FunctionBody block) WalkBody(block.Body, parameters, isArrow);
        else
        {
            var previous = Push();
            foreach (var parameter in parameters) _scope.Names.UnionWith(BoundNames(parameter));
            if (!isArrow) _scope.Names.Add("arguments");
            foreach (var parameter in parameters) WalkBindingPattern(parameter);
            Walk(body);
            _scope = previous;
        }
    }

    private void WalkBody(in NodeList<Statement> statements, in NodeList<Node> parameters, bool isArrow)
    {
        var previous = Push();
        foreach (var parameter in parameters) _scope.Names.UnionWith(BoundNames(parameter));
        if (!isArrow) _scope.Names.Add("arguments");
        foreach (var statement in statements) CollectVarNames(statement, _scope.Names);
        CollectLexicalNames(statements, _scope.Names);
        foreach (var parameter in parameters) WalkBindingPattern(parameter);
        foreach (var statement in statements) Walk(statement);
        _scope = previous;
    }

    private void WalkClass(Identifier? id, Expression? superClass, ClassBody body)
    {
        Walk(superClass);
        var previous = Push();
        if (id is not null) _scope.Names.Add(id.Name);
        foreach (var member in body.Body) Walk(member);
        _scope = previous;
    }

    /// <summary>A declaration's pattern: its identifiers are bindings, but defaults and computed keys are read.</summary>
    private void WalkBindingPattern(Node? pattern)
    {
        switch (pattern)
        {
            case null or Identifier:
                return;
            case AssignmentPattern assignment:
                WalkBindingPattern(assignment.Left);
                Walk(assignment.Right);
                return;
            case RestElement rest:
                WalkBindingPattern(rest.Argument);
                return;
            case ArrayPattern array:
                foreach (var element in array.Elements) WalkBindingPattern(element);
                return;
            case ObjectPattern obj:
                foreach (var property in obj.Properties)
                {
                    if (property is Property p)
                    {
                        if (p.Computed) Walk(p.Key);
                        WalkBindingPattern(p.Value);
                    }
                    else WalkBindingPattern(property);
                }
                return;
            default:
                Walk(pattern);
                return;
        }
    }

    /// <summary>The left side of a destructuring assignment: its identifiers are written.</summary>
    private void WalkAssignmentTarget(Node? target)
    {
        switch (target)
        {
            case null:
                return;
            case Identifier identifier:
                Write(identifier.Name);
                return;
            case AssignmentPattern assignment:
                WalkAssignmentTarget(assignment.Left);
                Walk(assignment.Right);
                return;
            case RestElement rest:
                WalkAssignmentTarget(rest.Argument);
                return;
            case ArrayPattern array:
                foreach (var element in array.Elements) WalkAssignmentTarget(element);
                return;
            case ObjectPattern obj:
                foreach (var property in obj.Properties)
                {
                    if (property is Property p)
                    {
                        if (p.Computed) Walk(p.Key);
                        WalkAssignmentTarget(p.Value);
                    }
                    else WalkAssignmentTarget(property);
                }
                return;
            default: // a member expression such as a.b
                Walk(target);
                return;
        }
    }

    // ---------- declarations ----------

    /// <summary>var names and (Annex B) block-level function names hoisted to the enclosing function or program.</summary>
    private static void CollectVarNames(Node? node, HashSet<string> names, HashSet<string>? varOnly = null)
    {
        switch (node)
        {
            case VariableDeclaration { Kind: VariableDeclarationKind.Var } declaration:
                foreach (var declarator in declaration.Declarations)
                {
                    var bound = BoundNames(declarator.Id);
                    names.UnionWith(bound);
                    varOnly?.UnionWith(bound);
                }
                return;
            case FunctionDeclaration { Id: not null } function:
                names.Add(function.Id.Name);
                return;
            case BlockStatement block:
                foreach (var statement in block.Body) CollectVarNames(statement, names, varOnly);
                return;
            case IfStatement ifStatement:
                CollectVarNames(ifStatement.Consequent, names, varOnly);
                CollectVarNames(ifStatement.Alternate, names, varOnly);
                return;
            case ForStatement loop:
                CollectVarNames(loop.Init, names, varOnly);
                CollectVarNames(loop.Body, names, varOnly);
                return;
            case ForInStatement forIn:
                CollectVarNames(forIn.Left, names, varOnly);
                CollectVarNames(forIn.Body, names, varOnly);
                return;
            case ForOfStatement forOf:
                CollectVarNames(forOf.Left, names, varOnly);
                CollectVarNames(forOf.Body, names, varOnly);
                return;
            case WhileStatement loop:
                CollectVarNames(loop.Body, names, varOnly);
                return;
            case DoWhileStatement loop:
                CollectVarNames(loop.Body, names, varOnly);
                return;
            case TryStatement tryStatement:
                CollectVarNames(tryStatement.Block, names, varOnly);
                CollectVarNames(tryStatement.Handler?.Body, names, varOnly);
                CollectVarNames(tryStatement.Finalizer, names, varOnly);
                return;
            case SwitchStatement switchStatement:
                foreach (var switchCase in switchStatement.Cases)
                    foreach (var statement in switchCase.Consequent) CollectVarNames(statement, names, varOnly);
                return;
            case LabeledStatement labeled:
                CollectVarNames(labeled.Body, names, varOnly);
                return;
            case WithStatement with:
                CollectVarNames(with.Body, names, varOnly);
                return;
        }
    }

    /// <summary>let/const/class/function names declared directly in a statement list (a block's own scope).</summary>
    private static void CollectLexicalNames(in NodeList<Statement> statements, HashSet<string> names)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case VariableDeclaration { Kind: not VariableDeclarationKind.Var } declaration:
                    foreach (var declarator in declaration.Declarations) names.UnionWith(BoundNames(declarator.Id));
                    break;
                case ClassDeclaration { Id: not null } classDeclaration:
                    names.Add(classDeclaration.Id.Name);
                    break;
                case FunctionDeclaration { Id: not null } function:
                    names.Add(function.Id.Name);
                    break;
            }
        }
    }

    private static List<string> BoundNames(Node? pattern)
    {
        var names = new List<string>();
        AddBoundNames(pattern, names);
        return names;
    }

    private static void AddBoundNames(Node? pattern, List<string> names)
    {
        switch (pattern)
        {
            case Identifier identifier:
                names.Add(identifier.Name);
                return;
            case AssignmentPattern assignment:
                AddBoundNames(assignment.Left, names);
                return;
            case RestElement rest:
                AddBoundNames(rest.Argument, names);
                return;
            case ArrayPattern array:
                foreach (var element in array.Elements) AddBoundNames(element, names);
                return;
            case ObjectPattern obj:
                foreach (var property in obj.Properties)
                    AddBoundNames(property is Property p ? p.Value : property, names);
                return;
        }
    }

    // ---------- constants ----------

    private static bool IsConstantExpression(Node? node) => node switch
    {
        null => true,
        Literal literal => literal.Kind != Acornima.TokenKind.RegExpLiteral, // a RegExp is an object, not a JSON value
        ParenthesizedExpression p => IsConstantExpression(p.Expression),
        UnaryExpression u when u is not UpdateExpression && u.Operator != Acornima.Operator.Delete => IsConstantExpression(u.Argument),
        BinaryExpression b => IsConstantExpression(b.Left) && IsConstantExpression(b.Right), // includes LogicalExpression
        ConditionalExpression c => IsConstantExpression(c.Test) && IsConstantExpression(c.Consequent) && IsConstantExpression(c.Alternate),
        TemplateLiteral t => AllConstant(t.Expressions.As<Expression?>()),
        ArrayExpression a => AllConstant(a.Elements),
        ObjectExpression o => AllConstantProperties(o.Properties),
        _ => false,
    };

    private static bool AllConstant(in NodeList<Expression?> expressions)
    {
        foreach (var expression in expressions)
            if (expression is SpreadElement || !IsConstantExpression(expression)) return false;
        return true;
    }

    private static bool AllConstantProperties(in NodeList<Node> properties)
    {
        foreach (var property in properties)
        {
            if (property is not ObjectProperty { Computed: false, Method: false, Kind: PropertyKind.Init } p
                || p.Shorthand || !IsConstantExpression(p.Value)) return false;
        }
        return true;
    }
}
