package io.edgewatch.compress.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TF.js graph model (model.json + weight shards) read into memory: the graph nodes, the decoded
 * weights (dequantised to float32 / widened to long) and the signature's inputs and outputs.
 */
public final class TfjsModel {

    /** One GraphDef node; attrs are kept as the TF.js JSON (see {@link TfAttrs}). */
    public record Node(String name, String op, List<String> inputs, JsonNode attrs) {}

    /** A signature entry: tensor name without the ":0" suffix, and its static shape. */
    public record Port(String name, int[] shape) {}

    private final List<Node> nodes;
    private final Map<String, Tensor> weights;
    private final List<Port> inputs;
    private final List<Port> outputs;

    private TfjsModel(List<Node> nodes, Map<String, Tensor> weights, List<Port> inputs, List<Port> outputs) {
        this.nodes = List.copyOf(nodes);
        this.weights = Collections.unmodifiableMap(weights);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Map<String, Tensor> weights() {
        return weights;
    }

    public List<Port> inputs() {
        return inputs;
    }

    public List<Port> outputs() {
        return outputs;
    }

    /** Reads model.json and the weight files it names (resolved next to it). */
    public static TfjsModel read(Path modelJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(modelJson.toFile());
        if (!"graph-model".equals(root.path("format").asText("graph-model"))) {
            throw new IOException("not a TF.js graph model: format=" + root.path("format").asText());
        }
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : root.path("modelTopology").path("node")) {
            List<String> in = new ArrayList<>();
            n.path("input").forEach(i -> in.add(i.asText()));
            nodes.add(new Node(n.path("name").asText(), n.path("op").asText(), in, n.path("attr")));
        }
        if (nodes.isEmpty()) {
            throw new IOException("model has no nodes: " + modelJson);
        }
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (JsonNode group : root.path("weightsManifest")) {
            ByteBuffer data = readShards(modelJson.toAbsolutePath().getParent(), group.path("paths"));
            for (JsonNode spec : group.path("weights")) {
                weights.put(spec.path("name").asText(), WeightDecoder.decode(spec, data));
            }
            if (data.hasRemaining()) {
                throw new IOException(data.remaining() + " unread bytes in weight group " + group.path("paths"));
            }
        }
        JsonNode sig = root.path("signature");
        return new TfjsModel(nodes, weights, ports(sig.path("inputs")), ports(sig.path("outputs")));
    }

    private static ByteBuffer readShards(Path dir, JsonNode paths) throws IOException {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (JsonNode p : paths) {
            byte[] b = Files.readAllBytes(dir.resolve(p.asText()));
            parts.add(b);
            total += b.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        parts.forEach(buf::put);
        return buf.flip();
    }

    private static List<Port> ports(JsonNode map) {
        List<Port> out = new ArrayList<>();
        map.fields().forEachRemaining(e -> {
            String name = e.getValue().path("name").asText(e.getKey());
            out.add(new Port(stripIndex(name), TfAttrs.shape(e.getValue().path("tensorShape"))));
        });
        return out;
    }

    /** "Identity_1:0" → "Identity_1"; TF names the first output of a node by the bare node name. */
    static String stripIndex(String tensor) {
        return tensor.endsWith(":0") ? tensor.substring(0, tensor.length() - 2) : tensor;
    }
}
