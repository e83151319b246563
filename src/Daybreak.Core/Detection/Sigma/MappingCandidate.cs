using System.Text.Json;
using Daybreak.Rules.Sigma;

namespace Daybreak.Detection.Sigma;

/// <summary>
/// One place a Sigma field may be found in a record (see mappings/README.md): a raw path, a normalised field
/// (<c>$name</c>), a constant (<c>=text</c>), a value's JSON text (<c>json:path</c>), a Name/Value list entry
/// (<c>nv:path:Name</c>), the first present of several (<see cref="FirstOf"/>) or the union of several (<c>a + b</c>).
/// Parsed once when a mapping file is loaded; the hot path only resolves.
/// </summary>
internal abstract class MappingCandidate
{
    public abstract bool TryResolve(CommunitySigmaEvent evt, out FieldValue value);

    /// <summary>Adds the raw paths this candidate reads to the mapping file's <paramref name="plan"/> (once, at load).</summary>
    internal virtual void Plan(JsonFieldPlan plan)
    {
    }

    /// <summary>Parses one candidate text; plain, json: and nv: paths are tried under each root in order.</summary>
    public static MappingCandidate Parse(string text, IReadOnlyList<string> roots)
    {
        var trimmed = text.Trim();
        if (trimmed.Contains(" + ", StringComparison.Ordinal))
            return new Union(trimmed.Split(" + ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => Parse(p, roots)).ToArray());
        if (trimmed.StartsWith('$')) return new Normalised(trimmed[1..]);
        if (trimmed.StartsWith('=')) return new Constant(trimmed[1..]);
        if (trimmed.StartsWith("json:", StringComparison.Ordinal))
            return Rooted(roots, trimmed[5..], (p, r) => new JsonText(p, r));
        if (trimmed.StartsWith("nv:", StringComparison.Ordinal))
        {
            var rest = trimmed[3..];
            var colon = rest.LastIndexOf(':');
            if (colon <= 0 || colon == rest.Length - 1) throw new FormatException($"'{text}': expected nv:path:Name");
            var name = rest[(colon + 1)..];
            return Rooted(roots, rest[..colon], (p, r) => new NameValue(p, name, r));
        }
        if (trimmed.Length == 0) throw new FormatException("empty candidate");
        return Rooted(roots, trimmed, (p, r) => new RawPath(p, r));
    }

    /// <summary>The path under each root; the root's first dotted part goes along so a record without it is passed over.</summary>
    private static MappingCandidate Rooted(IReadOnlyList<string> roots, string path, Func<string, string?, MappingCandidate> make)
    {
        if (roots.Count == 0) return make(path, null);
        var options = roots.Select(r => make(Join(r, path), r.Length == 0 ? null : r.Split('.')[0])).ToArray();
        return options.Length == 1 ? options[0] : new FirstOf(options);
    }

    private static string Join(string root, string path) =>
        root.Length == 0 ? path : path.Length == 0 ? root : root + "." + path;

    internal sealed class RawPath(string path, string? root = null) : MappingCandidate
    {
        private readonly FieldPath _path = FieldPath.Of(path);
        private int _planned = -1;

        internal override void Plan(JsonFieldPlan plan) => _planned = plan.Add(_path);

        public override bool TryResolve(CommunitySigmaEvent evt, out FieldValue value)
        {
            // The record read once for the mapping's paths answers most lookups; the root check below is then moot (a
            // path found starts with the root, and one not found is not found).
            if (evt.TryCaptured(_planned, out value, out var found)) return found && !value.IsNull;
            if (root is not null && !evt.MayHoldTopLevel(root))
            {
                value = FieldValue.Null;
                return false;
            }
            return evt.Raw.TryGetField(_path, out value) && !value.IsNull;
        }

        public override string ToString() => path;
    }

    internal sealed class Normalised(string name) : MappingCandidate
    {
        public override bool TryResolve(CommunitySigmaEvent evt, out FieldValue value) => evt.Normalised.TryGetField(name, out value);

        public override string ToString() => "$" + name;
    }

    internal sealed class Constant(string text) : MappingCandidate
    {
        private readonly FieldValue _value = FieldValue.FromString(text);

        public override bool TryResolve(CommunitySigmaEvent evt, out FieldValue value)
        {
            value = _value;
            return true;
        }

        public override string ToString() => "=" + _value.Text;
    }

    internal sealed class JsonText(string path, string? root = null) : MappingCandidate
    {
        private readonly FieldPath _path = FieldPath.Of(path);
        private int _planned = -1;

        internal override void Plan(JsonFieldPlan plan) => _planned = plan.AddText(_path);

        public override bool TryResolve(CommunitySigmaEvent evt, out FieldValue value)
        {
            // As a raw path: the record read once answers most lookups without parsing it.
            if (evt.TryCapturedText(_planned, out var text))
            {
                value = text is null ? FieldValue.Null : FieldValue.FromString(text);
                return text is not null;
            }
            if ((root is null || evt.MayHoldTopLevel(root)) && evt.TryNavigate(_path, out var element) && element.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                value = FieldValue.FromString(element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText());
                return true;
            }
            value = FieldValue.Null;
            return false;
        }

        public override string ToString() => "json:" + path;
    }

    internal sealed class NameValue(string path, string name, string? root = null) : MappingCandidate
    {
        private readonly FieldPath _path = FieldPath.Of(path);

        public override bool TryResolve(CommunitySigmaEvent evt, out FieldValue value)
        {
            value = FieldValue.Null;
            if (root is not null && !evt.MayHoldTopLevel(root)) return false;
            if (!evt.TryNavigate(_path, out var list)) return false;
            if (list.ValueKind == JsonValueKind.String && !evt.TryParseEmbedded(list, out list)) return false;
            if (list.ValueKind != JsonValueKind.Array) return false;
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) continue;
                string? itemName = null;
                JsonElement itemValue = default;
                foreach (var p in item.EnumerateObject())
                {
                    if (p.NameEquals("Name") || string.Equals(p.Name, "name", StringComparison.OrdinalIgnoreCase) || string.Equals(p.Name, "key", StringComparison.OrdinalIgnoreCase))
                        itemName = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
                    else if (string.Equals(p.Name, "value", StringComparison.OrdinalIgnoreCase)) itemValue = p.Value;
                }
                if (string.Equals(itemName, name, StringComparison.OrdinalIgnoreCase) && itemValue.ValueKind != JsonValueKind.Undefined)
                {
                    value = JsonSigmaEvent.Convert(itemValue);
                    return !value.IsNull;
                }
            }
            return false;
        }

        public override string ToString() => $"nv:{path}:{name}";
    }

    internal sealed class FirstOf(MappingCandidate[] options) : MappingCandidate
    {
        internal override void Plan(JsonFieldPlan plan)
        {
            foreach (var option in options) option.Plan(plan);
        }

        public override bool TryResolve(CommunitySigmaEvent evt, out FieldValue value)
        {
            foreach (var option in options)
            {
                if (option.TryResolve(evt, out value)) return true;
            }
            value = FieldValue.Null;
            return false;
        }

        public override string ToString() => string.Join(" | ", options.Select(o => o.ToString()));
    }

    internal sealed class Union(MappingCandidate[] parts) : MappingCandidate
    {
        private readonly RecentValueLists _recent = new();

        internal override void Plan(JsonFieldPlan plan)
        {
            foreach (var part in parts) part.Plan(plan);
        }

        public override bool TryResolve(CommunitySigmaEvent evt, out FieldValue value)
        {
            // Gathered on the stack; past its eight places (never, with the shipped mappings) into a list.
            var few = new Few();
            List<FieldValue>? many = null;
            var count = 0;
            foreach (var part in parts)
            {
                if (!part.TryResolve(evt, out var v)) continue;
                if (v.Kind != FieldKind.Array)
                {
                    Add(v);
                    continue;
                }
                var items = v.Items;
                for (var i = 0; i < items.Count; i++) Add(items[i]);
            }
            value = count switch
            {
                0 => FieldValue.Null,
                1 => few[0],
                _ when many is not null => FieldValue.FromItems(many),
                _ => FieldValue.FromItems(_recent.Share(((ReadOnlySpan<FieldValue>)few)[..count])),
            };
            return count > 0;

            void Add(FieldValue v)
            {
                if (count < Few.Length) few[count] = v;
                else (many ??= [.. (ReadOnlySpan<FieldValue>)few]).Add(v);
                count++;
            }
        }

        [System.Runtime.CompilerServices.InlineArray(Length)]
        private struct Few
        {
            public const int Length = 8;
            private FieldValue _first;
        }

        public override string ToString() => string.Join(" + ", parts.Select(p => p.ToString()));
    }
}
