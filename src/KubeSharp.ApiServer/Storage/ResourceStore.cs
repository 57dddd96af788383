using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.Patch;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Admission.Webhooks;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Registry;
using KubeSharp.Storage;

namespace KubeSharp.ApiServer.Storage;

/// <summary>Options common to writes: dry run and the field manager recorded in managedFields.</summary>
/// <param name="IsApply">Server-side apply already recorded the manager's fields.</param>
/// <param name="User">The user making the request (after impersonation); null for the server's own writes.</param>
public sealed record WriteOptions(bool DryRun = false, string? FieldManager = null, string? Subresource = null, bool IsApply = false, Security.UserInfo? User = null);

/// <summary>
/// The registry's generic store (Kubernetes' genericregistry.Store): every create, update and delete
/// of every resource goes through here — server-owned metadata, defaulting, validation, status
/// handling, generation, optimistic concurrency, finalizers and graceful deletion — and reads come
/// from the watch cache. This is the only class that writes to <see cref="IStore"/>.
/// </summary>
public sealed class ResourceStore
{
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private readonly IStore _store;
    private readonly ResourceCatalog _catalog;

    private readonly List<IAdmissionPlugin> _admission = [];

    /// <summary>Mutating admission that needs cluster state (service IPs, node ports, …), run before validation.</summary>
    public void AddAdmission(IAdmissionPlugin plugin) => _admission.Add(plugin);

    public ResourceStore(IStore store, WatchCache cache, ResourceCatalog catalog)
    {
        _store = store;
        Cache = cache;
        _catalog = catalog;
    }

    public WatchCache Cache { get; }

    /// <summary>Admission webhooks, called for writes made by API requests (not for the server's own writes).</summary>
    public Admission.Webhooks.WebhookAdmission? Webhooks { get; set; }

    /// <summary>ValidatingAdmissionPolicies, checked for writes made by API requests before the validating webhooks.</summary>
    public Admission.Policies.ValidatingAdmissionPolicies? Policies { get; set; }
    public ResourceCatalog Catalog => _catalog;

    public async Task<StoredObject> GetAsync(ResourceDefinition definition, string? ns, string name, CancellationToken cancellationToken) =>
        await TryGetAsync(definition, ns, name, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.NotFound(definition.GroupResource, name);

    public async Task<StoredObject?> TryGetAsync(ResourceDefinition definition, string? ns, string name, CancellationToken cancellationToken)
    {
        var storage = definition.StorageDefinition ?? definition;
        var stored = await Cache.GetAsync(storage, storage.Key(ns, name), cancellationToken).ConfigureAwait(false);
        return stored is null ? null : View(definition, stored);
    }

    /// <summary>A stored object as the version <paramref name="definition"/> serves it (converted when that is not the storage version).</summary>
    public static StoredObject View(ResourceDefinition definition, StoredObject stored)
    {
        if (definition.FromStorageVersion is not { } convert)
        {
            return stored;
        }

        var obj = convert(stored.Clone());
        obj.ApiVersion = definition.ApiVersion;
        obj.Kind = definition.Kind;
        obj.Meta.ResourceVersion = stored.Object.Metadata?.ResourceVersion;
        return new StoredObject(stored.Key, obj, KubeJson.SerializeToUtf8Bytes(obj, definition.ClrType), stored.Revision);
    }

    public async Task<StoredObject> CreateAsync(ResourceDefinition definition, string? ns, KubernetesObject obj, WriteOptions options, CancellationToken cancellationToken)
    {
        if (definition.ToStorageVersion is { } toStorage)
        {
            var created = await CreateAsync(definition.StorageDefinition!, ns, toStorage(obj), options, cancellationToken).ConfigureAwait(false);
            return View(definition, created);
        }

        var meta = obj.Meta;
        if (definition.Namespaced)
        {
            if (!string.IsNullOrEmpty(meta.Namespace) && !string.IsNullOrEmpty(ns) && meta.Namespace != ns)
            {
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            meta.Namespace = string.IsNullOrEmpty(meta.Namespace) ? ns : meta.Namespace;
        }
        else
        {
            meta.Namespace = null;
        }

        if (string.IsNullOrEmpty(meta.Name) && !string.IsNullOrEmpty(meta.GenerateName))
        {
            meta.Name = meta.GenerateName + RandomSuffix();
        }

        obj.ApiVersion = definition.ApiVersion;
        obj.Kind = definition.Kind;
        meta.Uid = Guid.NewGuid().ToString();
        meta.CreationTimestamp = TimeConverter.Now();
        meta.ResourceVersion = null;
        meta.SelfLink = null;
        meta.DeletionTimestamp = null;
        meta.DeletionGracePeriodSeconds = null;
        meta.Generation = definition.Strategy.TracksGeneration(definition) ? 1 : null;

        if (definition.HasStatus && !definition.Strategy.KeepsStatusOnCreate)
        {
            ClearStatus(definition, ref obj);
        }

        definition.Strategy.Default(obj);
        definition.Strategy.PrepareForCreate(obj);
        definition.Strategy.RecordRequester(obj, options.User);
        foreach (var plugin in _admission)
        {
            await plugin.AdmitAsync(this, definition, obj, null, cancellationToken).ConfigureAwait(false);
        }

        var admission = WebhookAttributes(AdmissionAttributes.Create, definition, options, obj.Meta.Namespace, obj.Meta.Name ?? "", obj, null);
        if (admission is not null && await Webhooks!.MutateAsync(admission, cancellationToken).ConfigureAwait(false) is { } mutated)
        {
            KeepServerFields(mutated, obj);
            obj = mutated;
            admission = admission with { Object = obj };
        }

        Validate(definition, obj, old: null);
        if (admission is not null)
        {
            await ValidateRequestAsync(admission, cancellationToken).ConfigureAwait(false);
        }

        await CheckNamespaceAsync(definition, obj.Meta.Namespace, obj.Meta.Name!, cancellationToken).ConfigureAwait(false);
        var recorded = RecordManager(definition, null, obj, options);

        var storage = definition.StorageDefinition ?? definition;
        var stored = Encode(storage, obj, recorded);
        var key = storage.Key(obj.Meta.Namespace, obj.Meta.Name!);
        if (options.DryRun)
        {
            if (await Cache.GetAsync(storage, key, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw ApiException.AlreadyExists(definition.GroupResource, obj.Meta.Name!);
            }

            var result = recorded is null ? obj : Materialize(definition, recorded);
            return new StoredObject(key, result, KubeJson.SerializeToUtf8Bytes(result, definition.ClrType), 0);
        }

        try
        {
            var entry = await _store.CreateAsync(key, stored, cancellationToken).ConfigureAwait(false);
            return await ReadBackAsync(storage, key, entry.ModRevision, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyExistsException)
        {
            throw ApiException.AlreadyExists(definition.GroupResource, obj.Meta.Name!);
        }
    }

    /// <summary>
    /// Updates an object by a function of its current state. The function returns the desired
    /// object (as the client would PUT it); it runs again on a store conflict unless the desired
    /// object names a resourceVersion (then the conflict is the client's: 409).
    /// With <paramref name="allowCreate"/>, a missing object is created (PUT/apply upsert).
    /// </summary>
    public async Task<(StoredObject Result, bool Created)> UpdateAsync(
        ResourceDefinition definition,
        string? ns,
        string name,
        Func<StoredObject?, KubernetesObject> desired,
        WriteOptions options,
        bool allowCreate,
        CancellationToken cancellationToken)
    {
        if (definition.ToStorageVersion is { } toStorage)
        {
            var (result, created) = await UpdateAsync(
                definition.StorageDefinition!,
                ns,
                name,
                current => toStorage(desired(current is null ? null : View(definition, current))),
                options,
                allowCreate,
                cancellationToken).ConfigureAwait(false);
            return (View(definition, result), created);
        }

        var storage = definition;
        var key = storage.Key(ns, name);
        for (var attempt = 0; ; attempt++)
        {
            var current = await Cache.GetAsync(storage, key, cancellationToken).ConfigureAwait(false);
            // An object stored at an older version (webhook conversion) is updated as the version asked for.
            var obj = desired(current is not null && definition.FromStorageVersion is not null ? View(definition, current) : current);
            if (current is null)
            {
                if (!allowCreate || options.Subresource is not null)
                {
                    throw ApiException.NotFound(definition.GroupResource, name);
                }

                if (!string.IsNullOrEmpty(obj.Metadata?.ResourceVersion))
                {
                    throw ApiException.NotFound(definition.GroupResource, name);
                }

                obj.Meta.Name ??= name;
                try
                {
                    return (await CreateAsync(definition, ns, obj, options, cancellationToken).ConfigureAwait(false), true);
                }
                catch (ApiException e) when (e.Reason == "AlreadyExists" && attempt < 5)
                {
                    continue;
                }
            }

            var requestedVersion = obj.Metadata?.ResourceVersion;
            if (!string.IsNullOrEmpty(requestedVersion) && requestedVersion != current.Object.Meta.ResourceVersion)
            {
                throw ApiException.StaleObject(definition.GroupResource, name);
            }

            var prepared = await PrepareUpdateAsync(definition, ns, name, obj, current, options, cancellationToken).ConfigureAwait(false);
            if (prepared is null)
            {
                return (current, false);
            }

            var (updated, storedJson) = prepared.Value;
            if (options.DryRun)
            {
                var result = Materialize(definition, storedJson);
                return (new StoredObject(key, result, KubeJson.SerializeToUtf8Bytes(result, definition.ClrType), current.Revision), false);
            }

            try
            {
                StoreEntry entry;
                if (updated.Meta.DeletionTimestamp is not null && (updated.Meta.Finalizers is null || updated.Meta.Finalizers.Count == 0)
                    && definition.Strategy.GracefulDeletionSeconds(updated, null) is null && !definition.Strategy.DefersDeletion(updated))
                {
                    // The last finalizer is gone from an object being deleted: it goes now.
                    entry = await _store.DeleteAsync(key, current.Revision, cancellationToken).ConfigureAwait(false);
                    await Cache.WaitForRevisionAsync(entry.ModRevision, cancellationToken).ConfigureAwait(false);
                    return (WatchCache.Decode(storage, key, entry.Value, entry.ModRevision), false);
                }

                entry = await _store.UpdateAsync(key, current.Revision, Encode(storage, updated, storedJson), cancellationToken).ConfigureAwait(false);
                return (await ReadBackAsync(storage, key, entry.ModRevision, cancellationToken).ConfigureAwait(false), false);
            }
            catch (RevisionConflictException) when (string.IsNullOrEmpty(requestedVersion) && attempt < 20)
            {
                continue;
            }
            catch (RevisionConflictException)
            {
                throw ApiException.StaleObject(definition.GroupResource, name);
            }
            catch (KeyNotFoundInStoreException)
            {
                throw ApiException.NotFound(definition.GroupResource, name);
            }
        }
    }

    /// <summary>
    /// The object to store for an update, or null when nothing would change: the typed object
    /// (managedFields as sent) and its JSON with managedFields recorded, which is what is stored.
    /// The object is encoded once after validation; that JSON serves the generation check, the
    /// managed-fields diff, the no-op check and the stored bytes.
    /// </summary>
    private async Task<(KubernetesObject Object, JsonObject Json)?> PrepareUpdateAsync(ResourceDefinition definition, string? ns, string name, KubernetesObject obj, StoredObject current, WriteOptions options, CancellationToken cancellationToken)
    {
        var meta = obj.Meta;
        if (!string.IsNullOrEmpty(meta.Name) && meta.Name != name)
        {
            throw ApiException.BadRequest($"the name of the object ({meta.Name}) does not match the name on the URL ({name})");
        }

        if (definition.Namespaced && !string.IsNullOrEmpty(meta.Namespace) && meta.Namespace != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var old = current.Object;
        var oldJson = JsonNode.Parse(current.Json)!.AsObject();
        KubernetesObject updated;
        if (options.Subresource is { } subresource && definition.Strategy.UpdateThroughSubresource(subresource, obj, current) is { } byKind)
        {
            // The kind decides what its subresource may change (certificate requests: approval, status).
            updated = byKind;
        }
        else if (options.Subresource == "status" && StatusProperty(definition) is { } statusProperty)
        {
            // Only status changes through /status; everything else stays as stored (a private copy).
            updated = current.Clone();
            statusProperty.SetValue(updated, statusProperty.GetValue(obj));
        }
        else if (options.Subresource == "status")
        {
            var newJson = JsonSerializer.SerializeToNode(obj, definition.ClrType, KubeJson.Options)!.AsObject();
            var merged = oldJson.DeepClone().AsObject();
            if (newJson["status"] is { } status)
            {
                merged["status"] = status.DeepClone();
            }
            else
            {
                merged.Remove("status");
            }

            updated = Materialize(definition, merged);
        }
        else if (definition.HasStatus && options.Subresource != "binding")
        {
            // pods/binding (BindingHandler) writes spec.nodeName and the PodScheduled condition together.
            updated = obj;
            KeepStatus(definition, oldJson, ref updated);
        }
        else
        {
            // The desired object is the caller's own: it becomes the update.
            updated = obj;
        }

        var m = updated.Meta;
        m.Name = name;
        m.Namespace = definition.Namespaced ? ns : null;
        m.Uid = old.Meta.Uid;
        m.CreationTimestamp = old.Meta.CreationTimestamp;
        m.DeletionTimestamp = old.Meta.DeletionTimestamp;
        m.DeletionGracePeriodSeconds = old.Meta.DeletionGracePeriodSeconds;
        m.SelfLink = null;
        m.Generation = old.Meta.Generation;
        m.ResourceVersion = old.Meta.ResourceVersion;
        if (old.Meta.DeletionTimestamp is not null && m.Finalizers is { } f)
        {
            // Finalizers may only be removed from an object being deleted.
            var added = f.Except(old.Meta.Finalizers ?? []).ToList();
            if (added.Count > 0)
            {
                throw ApiException.Invalid(definition.Kind, definition.Group, name, [FieldError.Forbidden("metadata.finalizers", $"no new finalizers can be added if the object is being deleted, found new finalizers []string{{\"{string.Join("\", \"", added)}\"}}")]);
            }
        }

        definition.Strategy.Default(updated);
        definition.Strategy.PrepareForUpdate(updated, old);
        var admission = WebhookAttributes(AdmissionAttributes.Update, definition, options, ns, name, updated, old);
        if (admission is not null && await Webhooks!.MutateAsync(admission, cancellationToken).ConfigureAwait(false) is { } mutated)
        {
            KeepServerFields(mutated, updated);
            updated = mutated;
            m = updated.Meta;
            admission = admission with { Object = updated };
        }

        Validate(definition, updated, old);
        if (admission is not null)
        {
            await ValidateRequestAsync(admission, cancellationToken).ConfigureAwait(false);
        }

        var updatedJson = JsonSerializer.SerializeToNode(updated, definition.ClrType, KubeJson.Options)!.AsObject();
        if (m.Generation is not null && ResourceStrategy.SpecChanged(updatedJson, oldJson))
        {
            m.Generation++;
            updatedJson["metadata"]!["generation"] = m.Generation;
        }

        var finalJson = RecordManager(definition, oldJson, updatedJson, options) ?? updatedJson;
        return SameIgnoringManagedFieldTimes(finalJson, oldJson) ? null : (updated, finalJson);
    }

    /// <summary>Equal apart from managedFields and resourceVersion (an update that changes nothing else is not written).</summary>
    private static bool SameIgnoringManagedFieldTimes(JsonObject a, JsonObject b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetPropertyValue(key, out var other))
            {
                return false;
            }

            if (key == "metadata" && value is JsonObject ma && other is JsonObject mb)
            {
                if (!SameMetadata(ma, mb))
                {
                    return false;
                }
            }
            else if (!JsonNode.DeepEquals(value, other))
            {
                return false;
            }
        }

        return true;

        static bool SameMetadata(JsonObject a, JsonObject b)
        {
            static bool Ignored(string key) => key is "managedFields" or "resourceVersion";
            if (a.Count(kv => !Ignored(kv.Key)) != b.Count(kv => !Ignored(kv.Key)))
            {
                return false;
            }

            foreach (var (key, value) in a)
            {
                if (!Ignored(key) && (!b.TryGetPropertyValue(key, out var other) || !JsonNode.DeepEquals(value, other)))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// Deletes an object following Kubernetes' rules: preconditions, graceful deletion, finalizers
    /// and the propagation policy (orphan/foreground add their finalizers; the garbage collector
    /// does the rest). Returns the object as it is after the call and whether it is gone.
    /// </summary>
    public async Task<(StoredObject Object, bool Deleted)> DeleteAsync(ResourceDefinition definition, string? ns, string name, DeleteOptions? options, CancellationToken cancellationToken)
    {
        if (definition.StorageDefinition is { } storageDefinition)
        {
            var (deletedObject, deleted) = await DeleteAsync(storageDefinition, ns, name, options, cancellationToken).ConfigureAwait(false);
            return (View(definition, deletedObject), deleted);
        }

        var storage = definition.StorageDefinition ?? definition;
        var key = storage.Key(ns, name);
        var dryRun = options?.DryRun?.Contains("All") == true;
        for (var attempt = 0; ; attempt++)
        {
            var current = await Cache.GetAsync(storage, key, cancellationToken).ConfigureAwait(false)
                ?? throw ApiException.NotFound(definition.GroupResource, name);
            var meta = current.Object.Meta;
            if (options?.Preconditions is { } pre)
            {
                if (!string.IsNullOrEmpty(pre.Uid) && pre.Uid != meta.Uid)
                {
                    throw ApiException.Conflict(definition.GroupResource, name, $"Precondition failed: UID in precondition: {pre.Uid}, UID in object meta: {meta.Uid}");
                }

                if (!string.IsNullOrEmpty(pre.ResourceVersion) && pre.ResourceVersion != meta.ResourceVersion)
                {
                    throw ApiException.Conflict(definition.GroupResource, name, $"Precondition failed: ResourceVersion in precondition: {pre.ResourceVersion}, ResourceVersion in object meta: {meta.ResourceVersion}");
                }
            }

            if (attempt == 0 && Webhooks is not null && RequestUser.Current is { } user)
            {
                var admission = new AdmissionAttributes(AdmissionAttributes.Delete, definition, null, ns, name, null, current.Object, dryRun, user, AdmissionAttributes.OptionsFor(AdmissionAttributes.Delete, dryRun, null));
                await Webhooks.MutateAsync(admission, cancellationToken).ConfigureAwait(false);
                await ValidateRequestAsync(admission, cancellationToken).ConfigureAwait(false);
            }

            var policy = options?.PropagationPolicy ?? (options?.OrphanDependents == true ? "Orphan" : null);
            var finalizerToAdd = policy switch
            {
                "Orphan" => "orphan",
                "Foreground" => "foregroundDeletion",
                _ => null,
            };
            var grace = definition.Strategy.GracefulDeletionSeconds(current.Object, options?.GracePeriodSeconds);
            var finalizers = meta.Finalizers ?? [];
            var needsUpdate = finalizers.Count > 0 || finalizerToAdd is not null || grace is > 0 || definition.Strategy.DefersDeletion(current.Object);
            if (!needsUpdate)
            {
                if (dryRun)
                {
                    return (current, true);
                }

                try
                {
                    var entry = await _store.DeleteAsync(key, current.Revision, cancellationToken).ConfigureAwait(false);
                    await Cache.WaitForRevisionAsync(entry.ModRevision, cancellationToken).ConfigureAwait(false);
                    return (WatchCache.Decode(storage, key, entry.Value, entry.ModRevision), true);
                }
                catch (RevisionConflictException) when (attempt < 20)
                {
                    continue;
                }
                catch (KeyNotFoundInStoreException)
                {
                    throw ApiException.NotFound(definition.GroupResource, name);
                }
            }

            // Mark for deletion: deletionTimestamp (+ grace), and the propagation finalizer.
            var obj = current.Clone();
            var m = obj.Meta;
            var now = TimeConverter.Now();
            if (m.DeletionTimestamp is null)
            {
                m.DeletionTimestamp = now.AddSeconds(grace ?? 0);
                m.DeletionGracePeriodSeconds = grace ?? 0;
                definition.Strategy.PrepareForDeletion(obj);
            }
            else if (grace is { } g && m.DeletionGracePeriodSeconds is { } previous && g < previous)
            {
                // A shorter grace period may replace a longer one (kubectl delete --grace-period=0 --force).
                m.DeletionTimestamp = now.AddSeconds(g);
                m.DeletionGracePeriodSeconds = g;
            }

            if (finalizerToAdd is not null && !finalizers.Contains(finalizerToAdd))
            {
                m.Finalizers = [.. finalizers.Where(f => f is not ("orphan" or "foregroundDeletion")), finalizerToAdd];
            }

            if (dryRun)
            {
                return (new StoredObject(key, obj, KubeJson.SerializeToUtf8Bytes(obj, definition.ClrType), current.Revision), false);
            }

            try
            {
                var entry = await _store.UpdateAsync(key, current.Revision, ToStorage(storage, obj), cancellationToken).ConfigureAwait(false);
                return (await ReadBackAsync(storage, key, entry.ModRevision, cancellationToken).ConfigureAwait(false), false);
            }
            catch (RevisionConflictException) when (attempt < 20)
            {
            }
            catch (KeyNotFoundInStoreException)
            {
                throw ApiException.NotFound(definition.GroupResource, name);
            }
        }
    }

    /// <summary>Deletes an object now, whatever its finalizers or grace period (the node agent's final delete, the namespace cleaner).</summary>
    public async Task<bool> DeleteNowAsync(ResourceDefinition definition, string? ns, string name, string? expectedUid, CancellationToken cancellationToken)
    {
        var storage = definition.StorageDefinition ?? definition;
        var key = storage.Key(ns, name);
        var current = await Cache.GetAsync(storage, key, cancellationToken).ConfigureAwait(false);
        if (current is null || (expectedUid is not null && current.Object.Meta.Uid != expectedUid))
        {
            return false;
        }

        try
        {
            var entry = await _store.DeleteAsync(key, current.Revision, cancellationToken).ConfigureAwait(false);
            await Cache.WaitForRevisionAsync(entry.ModRevision, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StoreException)
        {
            return false;
        }
    }

    private async Task<StoredObject> ReadBackAsync(ResourceDefinition storage, string key, long revision, CancellationToken cancellationToken)
    {
        await Cache.WaitForRevisionAsync(revision, cancellationToken).ConfigureAwait(false);
        var (items, _) = await Cache.SnapshotAsync(storage, consistent: false, cancellationToken).ConfigureAwait(false);
        if (items.TryGetValue(key, out var stored) && stored.Revision >= revision)
        {
            return stored;
        }

        // A later write replaced it already; answer with what this write stored.
        var entry = await _store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return entry is null ? throw ApiException.Internal("object vanished after write") : WatchCache.Decode(storage, key, entry.Value, entry.ModRevision);
    }

    /// <summary>Validating admission of an API request: admission policies, then validating webhooks.</summary>
    private async Task ValidateRequestAsync(AdmissionAttributes admission, CancellationToken cancellationToken)
    {
        if (Policies is not null)
        {
            await Policies.ValidateAsync(admission, cancellationToken).ConfigureAwait(false);
        }

        await Webhooks!.ValidateAsync(admission, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the webhooks are told of a create or update made by an API request; null when webhooks do not apply.</summary>
    private AdmissionAttributes? WebhookAttributes(string operation, ResourceDefinition definition, WriteOptions options, string? ns, string name, KubernetesObject obj, KubernetesObject? old) =>
        Webhooks is not null && RequestUser.Current is { } user
            ? new AdmissionAttributes(operation, definition, options.Subresource, ns, name, obj, old, options.DryRun, user, AdmissionAttributes.OptionsFor(operation, options.DryRun, options.FieldManager))
            : null;

    /// <summary>A webhook may not change what the server owns: identity, creation time, generation, resourceVersion and deletion state.</summary>
    private static void KeepServerFields(KubernetesObject mutated, KubernetesObject before)
    {
        var m = mutated.Meta;
        var b = before.Meta;
        m.Name = b.Name;
        m.Namespace = b.Namespace;
        m.Uid = b.Uid;
        m.CreationTimestamp = b.CreationTimestamp;
        m.Generation = b.Generation;
        m.ResourceVersion = b.ResourceVersion;
        m.DeletionTimestamp = b.DeletionTimestamp;
        m.DeletionGracePeriodSeconds = b.DeletionGracePeriodSeconds;
        mutated.ApiVersion = before.ApiVersion;
        mutated.Kind = before.Kind;
    }

    private void Validate(ResourceDefinition definition, KubernetesObject obj, KubernetesObject? old)
    {
        var errors = ObjectMetaValidation.Validate(obj.Meta, definition.Namespaced, definition.Strategy.ValidateName).ToList();
        errors.AddRange(definition.Strategy.Validate(obj));
        if (old is not null)
        {
            errors.AddRange(definition.Strategy.ValidateUpdate(obj, old));
        }

        if (errors.Count > 0)
        {
            throw ApiException.Invalid(definition.Kind, definition.Group, obj.Meta.Name ?? obj.Meta.GenerateName ?? "", errors);
        }
    }

    private async Task CheckNamespaceAsync(ResourceDefinition definition, string? ns, string name, CancellationToken cancellationToken)
    {
        if (!definition.Namespaced)
        {
            return;
        }

        var namespaces = _catalog.Find("", "v1", "namespaces");
        if (namespaces is null)
        {
            return;
        }

        var found = await Cache.GetAsync(namespaces, namespaces.Key(null, ns!), cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.NotFound(new GroupResource("", "namespaces"), ns!);
        if (found.Object.Meta.DeletionTimestamp is not null)
        {
            throw ApiException.Forbidden(definition.GroupResource, name, $"unable to create new content in namespace {ns} because it is being terminated");
        }
    }

    /// <summary>The object's JSON with the writer recorded in managedFields, or null when nothing is recorded (no manager, or server-side apply, which records its own).</summary>
    private static JsonObject? RecordManager(ResourceDefinition definition, JsonObject? live, KubernetesObject obj, WriteOptions options) =>
        string.IsNullOrEmpty(options.FieldManager) || options.IsApply
            ? null
            : RecordManager(definition, live, JsonSerializer.SerializeToNode(obj, definition.ClrType, KubeJson.Options)!.AsObject(), options);

    private static JsonObject? RecordManager(ResourceDefinition definition, JsonObject? live, JsonObject json, WriteOptions options)
    {
        if (string.IsNullOrEmpty(options.FieldManager) || options.IsApply)
        {
            return null;
        }

        var ignored = options.Subresource is null && definition.HasStatus ? new[] { "status" } : null;
        return ManagedFields.RecordUpdateInPlace(live, json, options.FieldManager, definition.ClrType, DateTimeOffset.UtcNow, options.Subresource, ignored);
    }

    /// <summary>
    /// The stored encoding: from <paramref name="json"/> (the object with managedFields recorded)
    /// when there is one, else from the typed object; either way without resourceVersion and in
    /// the storage version's apiVersion and kind.
    /// </summary>
    private static byte[] Encode(ResourceDefinition storage, KubernetesObject obj, JsonObject? json)
    {
        if (json is null)
        {
            return ToStorage(storage, obj);
        }

        json["apiVersion"] = storage.ApiVersion;
        json["kind"] = storage.Kind;
        (json["metadata"] as JsonObject)?.Remove("resourceVersion");
        return JsonSerializer.SerializeToUtf8Bytes(json, KubeJson.Options);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.PropertyInfo?> StatusProperties = new();

    /// <summary>The typed status property of a kind, when it has a writable one named Status.</summary>
    private static System.Reflection.PropertyInfo? StatusProperty(ResourceDefinition definition) =>
        StatusProperties.GetOrAdd(definition.ClrType, static t => t.GetProperty("Status") is { CanWrite: true, CanRead: true } p ? p : null);

    /// <summary>Drops the status a create sent (the server owns it).</summary>
    private static void ClearStatus(ResourceDefinition definition, ref KubernetesObject obj)
    {
        if (StatusProperty(definition) is { } status)
        {
            status.SetValue(obj, null);
            return;
        }

        var json = JsonSerializer.SerializeToNode(obj, definition.ClrType, KubeJson.Options)!.AsObject();
        json.Remove("status");
        obj = Materialize(definition, json);
    }

    /// <summary>Gives an update the stored status (only /status changes it): a private copy decoded from the stored JSON.</summary>
    private static void KeepStatus(ResourceDefinition definition, JsonObject oldJson, ref KubernetesObject obj)
    {
        if (StatusProperty(definition) is { } status)
        {
            status.SetValue(obj, oldJson["status"] is { } stored ? stored.Deserialize(status.PropertyType, KubeJson.Options) : null);
            return;
        }

        var json = JsonSerializer.SerializeToNode(obj, definition.ClrType, KubeJson.Options)!.AsObject();
        if (oldJson["status"] is { } kept)
        {
            json["status"] = kept.DeepClone();
        }
        else
        {
            json.Remove("status");
        }

        obj = Materialize(definition, json);
    }

    internal static KubernetesObject Materialize(ResourceDefinition definition, JsonObject json) =>
        (KubernetesObject)json.Deserialize(definition.ClrType, KubeJson.Options)!;

    /// <summary>The stored form: the object without its resourceVersion (the store's revision is the truth).</summary>
    private static byte[] ToStorage(ResourceDefinition storage, KubernetesObject obj)
    {
        var rv = obj.Meta.ResourceVersion;
        obj.Meta.ResourceVersion = null;
        obj.ApiVersion = storage.ApiVersion;
        obj.Kind = storage.Kind;
        var bytes = KubeJson.SerializeToUtf8Bytes(obj, storage.ClrType);
        obj.Meta.ResourceVersion = rv;
        return bytes;
    }

    private static string RandomSuffix()
    {
        Span<char> chars = stackalloc char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = NameAlphabet[RandomNumberGenerator.GetInt32(NameAlphabet.Length)];
        }

        return new string(chars);
    }

    internal static string FormatRevision(long revision) => revision.ToString(CultureInfo.InvariantCulture);
}
