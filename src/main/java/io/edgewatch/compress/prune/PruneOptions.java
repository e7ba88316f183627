package io.edgewatch.compress.prune;

import java.util.Objects;
import java.util.Set;

/**
 * Unstructured pruning settings.
 *
 * @param sparsity      fraction of weights to zero in every pruned layer (LAYER) or over all of them (GLOBAL)
 * @param method        which weights go: smallest |w| (L1 magnitude) or a seeded random choice (the baseline)
 * @param scope         per layer, or one global magnitude threshold across all pruned layers
 * @param skipDepthwise leave depthwise convs dense (few weights, each one matters)
 * @param skipHeadTail  leave the detector head's last weighted layers dense (they write the outputs)
 * @param exclude       node names never pruned
 * @param seed          random-method seed
 */
public record PruneOptions(double sparsity, Method method, Scope scope, boolean skipDepthwise, boolean skipHeadTail,
                           Set<String> exclude, long seed) {

    public enum Method { MAGNITUDE, RANDOM }

    public enum Scope { LAYER, GLOBAL }

    public PruneOptions {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("sparsity must be in [0,1): " + sparsity);
        }
        Objects.requireNonNull(method, "method must not be null");
        Objects.requireNonNull(scope, "scope must not be null");
        exclude = Set.copyOf(Objects.requireNonNull(exclude, "exclude must not be null"));
    }

    public static PruneOptions magnitude(double sparsity) {
        return new PruneOptions(sparsity, Method.MAGNITUDE, Scope.LAYER, true, true, Set.of(), 1);
    }

    public PruneOptions withMethod(Method m) {
        return new PruneOptions(sparsity, m, scope, skipDepthwise, skipHeadTail, exclude, seed);
    }

    public PruneOptions withScope(Scope s) {
        return new PruneOptions(sparsity, method, s, skipDepthwise, skipHeadTail, exclude, seed);
    }

    public PruneOptions withSkips(boolean depthwise, boolean headTail, Set<String> names) {
        return new PruneOptions(sparsity, method, scope, depthwise, headTail, names, seed);
    }
}
