package io.edgewatch.compress.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads GraphDef attributes in the TF.js JSON form ({"s": base64}, {"list": {"i": [...]}}, ...). */
final class TfAttrs {

    private TfAttrs() {}

    static String string(JsonNode attrs, String key, String dflt) {
        JsonNode s = attrs.path(key).path("s");
        return s.isMissingNode() ? dflt : new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8);
    }

    static boolean bool(JsonNode attrs, String key, boolean dflt) {
        JsonNode b = attrs.path(key).path("b");
        return b.isMissingNode() ? dflt : b.asBoolean();
    }

    static float floatValue(JsonNode attrs, String key, float dflt) {
        JsonNode f = attrs.path(key).path("f");
        return f.isMissingNode() ? dflt : (float) f.asDouble();
    }

    static int[] ints(JsonNode attrs, String key, int[] dflt) {
        JsonNode l = attrs.path(key).path("list");
        if (l.isMissingNode()) {
            return dflt;
        }
        return intList(l.path("i"));
    }

    /** A JSON array of numbers or numeric strings (int64 are strings in TF.js JSON). */
    static int[] intList(JsonNode arr) {
        int[] out = new int[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.parseInt(arr.get(i).asText());
        }
        return out;
    }

    /** A TensorShapeProto in JSON; unknown dims (-1 / missing size) are returned as -1. */
    static int[] shape(JsonNode tensorShape) {
        JsonNode dims = tensorShape.path("dim");
        int[] out = new int[dims.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.parseInt(dims.get(i).path("size").asText("-1"));
        }
        return out;
    }
}
