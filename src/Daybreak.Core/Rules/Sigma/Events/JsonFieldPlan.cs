using System.Text;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// Dotted paths that one reading of a JSON record should find (<see cref="JsonFieldCapture"/>), as a tree of their parts.
/// Parts are compared ignoring ASCII case, as <see cref="JsonSigmaEvent"/> finds a name that is not written exactly, so
/// paths that differ only in case share a node and an id. Made once (a mapping file's raw paths), then only read.
/// </summary>
internal sealed class JsonFieldPlan
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.OrdinalIgnoreCase);

    internal sealed class Node(byte[] name, int id)
    {
        /// <summary>The part as ASCII bytes (the root's is empty).</summary>
        public byte[] Name { get; } = name;

        public int Id { get; } = id;

        // The first byte with ASCII case folded away (bit 5 cleared on both sides: equal ignoring ASCII case implies
        // equal so), compared before the whole name: most of a record's names share a length with some planned one.
        private readonly byte _firstFolded = name.Length > 0 ? (byte)(name[0] & 0xDF) : (byte)0;

        private readonly List<Node> _children = [];
        private readonly List<int> _paths = [];

        /// <summary>Made through <see cref="Add"/> only, which keeps them indexed by length for <see cref="Find"/>.</summary>
        public IReadOnlyList<Node> Children => _children;

        // The children by the length of their names: a record's object has dozens of names for each one planned, and
        // most differ in length from every planned one.
        private Node[]?[] _byLength = [];

        /// <summary>The id of the path that ends here, or -1.</summary>
        public int End { get; set; } = -1;

        /// <summary>The id of the path that ends here asking for its value's JSON text (<see cref="AddText"/>), or -1.</summary>
        public int TextEnd { get; set; } = -1;

        /// <summary>The ids of every path through this node (its own end included).</summary>
        public IReadOnlyList<int> Paths => _paths;

        public void AddPath(int id) => _paths.Add(id);

        /// <summary>The child whose name equals <paramref name="name"/> ignoring ASCII case, or null.</summary>
        public Node? Find(ReadOnlySpan<byte> name)
        {
            if (name.Length >= _byLength.Length || _byLength[name.Length] is not { } sameLength) return null;
            var first = (byte)(name[0] & 0xDF); // a name of length 0 has no bucket: no planned part is empty
            foreach (var child in sameLength)
            {
                if (child._firstFolded == first && Ascii.EqualsIgnoreCase(child.Name, name)) return child;
            }
            return null;
        }

        public void Add(Node child)
        {
            _children.Add(child);
            if (_byLength.Length <= child.Name.Length) Array.Resize(ref _byLength, child.Name.Length + 1);
            _byLength[child.Name.Length] = [.. _byLength[child.Name.Length] ?? [], child];
        }
    }

    public Node Root { get; } = new([], 0);

    /// <summary>Paths planned (ids run from 0).</summary>
    public int Count { get; private set; }

    /// <summary>Nodes made (ids run from 0).</summary>
    public int Nodes { get; private set; } = 1;

    /// <summary>The id of <paramref name="path"/>, or -1 for a path this plan cannot read exactly (a part that is empty or
    /// not plain ASCII): such a path is always looked up in the parsed record.</summary>
    public int Add(FieldPath path) => Plan(path, text: false);

    /// <summary>The id of <paramref name="path"/> asked for as its value's JSON text (a mapping's <c>json:</c> candidate):
    /// unlike a value, an array at its end is an answer, its text as written.</summary>
    public int AddText(FieldPath path) => Plan(path, text: true);

    private int Plan(FieldPath path, bool text)
    {
        var key = text ? "json:" + path.Name : path.Name;
        if (_ids.TryGetValue(key, out var known)) return known;
        if (path.Parts.Any(p => p.Length == 0 || !IsPlainName(p))) return -1;
        var node = Root;
        var id = Count;
        node.AddPath(id);
        foreach (var part in path.Parts)
        {
            var bytes = Encoding.ASCII.GetBytes(part);
            var child = node.Find(bytes);
            if (child is null)
            {
                child = new Node(bytes, Nodes++);
                node.Add(child);
            }
            child.AddPath(id);
            node = child;
        }
        if (text) node.TextEnd = id;
        else node.End = id;
        Count++;
        _ids[key] = id;
        return id;
    }

    /// <summary>Printable ASCII without quotes, backslashes or dots: written the same way raw and escaped.</summary>
    private static bool IsPlainName(string part) => part.All(c => c is > ' ' and < (char)127 and not ('"' or '\\' or '.'));
}
