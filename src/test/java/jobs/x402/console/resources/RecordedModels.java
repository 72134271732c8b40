package jobs.x402.console.resources;

import mockwebserver3.MockResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A recorded /models response (trimmed to cases that matter) and a generator of large feeds for the benchmark. */
public final class RecordedModels {
    private RecordedModels() {
    }

    static String json() {
        try (InputStream in = RecordedModels.class.getResourceAsStream("/resources/openrouter-models.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MockResponse response(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    /** {@code count} text models shaped like the live feed's entries; {@code priceStep} varies the prices. */
    public static String generated(int count, int priceStep) {
        StringBuilder json = new StringBuilder("{\"data\":[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                json.append(',');
            }
            String id = "vendor" + (i % 40) + "/model-" + i;
            json.append(String.format(Locale.ROOT, """
                    {"id":"%s","canonical_slug":"%s","name":"Vendor %d: Model %d","created":1700000000,
                     "description":"A generated model number %d with a description of ordinary length for the feed.",
                     "context_length":%d,
                     "architecture":{"modality":"text+image->text","input_modalities":["text","image"],
                                     "output_modalities":["text"],"tokenizer":"Other"},
                     "pricing":{"prompt":"0.00000%d","completion":"0.0000%d","request":"0","image":"0"},
                     "top_provider":{"context_length":%d,"max_completion_tokens":4096,"is_moderated":false},
                     "supported_parameters":["max_tokens","temperature","top_p","tools"]}""",
                    id, id, i % 40, i, i, 4096 * (1 + i % 64), 1 + (i + priceStep) % 9, 1 + i % 9,
                    4096 * (1 + i % 64)));
        }
        return json.append("]}").toString();
    }
}
