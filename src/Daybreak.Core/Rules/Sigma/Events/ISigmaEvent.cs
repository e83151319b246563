namespace Daybreak.Rules.Sigma;

/// <summary>
/// The only way a Sigma rule sees an event (chainsaw's <c>Document::find</c>). Implementations decide how a Sigma field
/// name maps to their data; mapping wrappers such as <see cref="MappedSigmaEvent"/> compose on top.
/// </summary>
public interface ISigmaEvent
{
    /// <summary>Finds a field. Returns false when it is absent; a present field may hold null or several values.</summary>
    bool TryGetField(string name, out FieldValue value);

    /// <summary>The same, for a field a compiled rule names: events that remember answers by the field's number override it.</summary>
    bool TryGetField(SigmaField field, out FieldValue value) => TryGetField(field.Name, out value);

    /// <summary>Every scalar value in the event, for keyword (full-text) search.</summary>
    IEnumerable<FieldValue> AllValues();
}
