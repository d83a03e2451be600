using DiscoveryPortal.Connectors.Http;
using DiscoveryPortal.Connectors.Normalisation;

namespace DiscoveryPortal.Connectors.Harvest;

/// <summary>What a connector is built from for one run: the sources file, the HTTP client and the shared vocabularies.</summary>
public sealed record HarvestContext(SourceFile File, HttpClient Http, SourceClient Client, MissionVocabulary Missions, TimeProvider Clock, RetryPolicy? Retry);

/// <summary>What a source's <c>url</c> must be for a kind.</summary>
public enum SourceUrlRule
{
    /// <summary>An absolute URL of the service.</summary>
    Absolute,

    /// <summary>A URL, or a path relative to the sources file.</summary>
    UrlOrPath,

    /// <summary>No URL: the source reads the deployment's own files.</summary>
    None,
}

/// <summary>
/// One kind of source, as its folder describes it: the name <c>sources.yaml</c> and the API use, its options
/// type, the rules its options follow, what a probe asks first, and how its connector is built.
/// Every kind is listed once, in <see cref="SourceKinds"/>.
/// </summary>
public abstract class SourceKind
{
    private readonly Lazy<IReadOnlyList<SourceFormField>> _fields;

    protected SourceKind() => _fields = new(() => SourceFormField.Of(this));

    /// <summary>The value of <c>kind</c> in a source definition.</summary>
    public abstract string Name { get; }

    /// <summary>One line saying what such a source is, for the source form.</summary>
    public abstract string Describes { get; }

    /// <summary>Whether an archive team may register such a source (recorded ones are the deployment's own).</summary>
    public virtual bool Registrable => true;

    public virtual SourceUrlRule UrlRule => SourceUrlRule.Absolute;

    /// <summary>The page size a source registered through the form gets.</summary>
    public virtual int FormPageSize => 500;

    public abstract Type OptionsType { get; }

    public abstract SourceOptions DefaultOptions();

    /// <summary>The options' fields on the source form.</summary>
    public IReadOnlyList<SourceFormField> FormFields => _fields.Value;

    public abstract IHarvestConnector Create(SourceDefinition source, HarvestContext context);

    /// <summary>What a probe asks the service before the first page (TAP capabilities, say); each line is a finding.</summary>
    public virtual Task<IReadOnlyList<string>> PreflightAsync(SourceDefinition source, HttpClient http, RetryPolicy retry, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}

/// <summary>A kind whose options are of type <typeparamref name="TOptions"/>.</summary>
public abstract class SourceKind<TOptions> : SourceKind where TOptions : SourceOptions, new()
{
    public override Type OptionsType => typeof(TOptions);

    public override SourceOptions DefaultOptions() => new TOptions();

    public sealed override IHarvestConnector Create(SourceDefinition source, HarvestContext context) => Create(source, source.OptionsAs<TOptions>(), context);

    protected abstract IHarvestConnector Create(SourceDefinition source, TOptions options, HarvestContext context);
}
