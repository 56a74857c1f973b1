package io.solarmrv.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Hash;

/**
 * Turns revert data ({@code 0x} + 4-byte selector + ABI words) into the contract's error name and
 * arguments, using the ABIs compiled with the contracts (on the classpath under
 * {@code io/solarmrv/ledger/abi/}). Static argument types only, which is all our errors use.
 */
final class RevertDecoder {
    private record ErrorAbi(String name, List<String> argNames, List<String> argTypes) {
    }

    private static final String[] CONTRACTS = {"AnchorRegistry", "MonitoringRegistry", "CreditIssuance"};
    private static final Map<String, ErrorAbi> BY_SELECTOR = load();

    private RevertDecoder() {
    }

    private static Map<String, ErrorAbi> load() {
        Map<String, ErrorAbi> errors = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String contract : CONTRACTS) {
            String resource = "abi/" + contract + "_sol_" + contract + ".abi";
            try (InputStream in = RevertDecoder.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("ABI resource missing: " + resource + " (built by the solc step)");
                }
                for (JsonNode entry : json.readTree(in)) {
                    if (!"error".equals(entry.path("type").asText())) {
                        continue;
                    }
                    List<String> names = new ArrayList<>();
                    List<String> types = new ArrayList<>();
                    entry.path("inputs").forEach(input -> {
                        names.add(input.path("name").asText());
                        types.add(input.path("type").asText());
                    });
                    String signature = entry.path("name").asText() + "(" + String.join(",", types) + ")";
                    errors.put(Hash.sha3String(signature).substring(0, 10), new ErrorAbi(entry.path("name").asText(), names, types));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(errors);
    }

    /** The error's name, or {@code unknown} when the data is not one of our contracts' errors. */
    static String name(String revertData) {
        ErrorAbi error = revertData == null || revertData.length() < 10 ? null : BY_SELECTOR.get(revertData.substring(0, 10));
        return error == null ? "unknown" : error.name();
    }

    /** {@code Name(arg=value, ...)}, or the raw data when it cannot be decoded. */
    static String describe(String revertData) {
        if (revertData == null || revertData.length() < 10) {
            return "no reason given" + (revertData == null ? "" : " (" + revertData + ")");
        }
        ErrorAbi error = BY_SELECTOR.get(revertData.substring(0, 10));
        if (error == null) {
            return "unknown error " + revertData;
        }
        String words = revertData.substring(10);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < error.argTypes().size(); i++) {
            if (words.length() < 64 * (i + 1)) {
                return error.name() + " (truncated data " + revertData + ")";
            }
            String word = words.substring(64 * i, 64 * (i + 1));
            args.add(error.argNames().get(i) + "=" + render(error.argTypes().get(i), word));
        }
        return error.name() + "(" + String.join(", ", args) + ")";
    }

    private static String render(String type, String word) {
        if (type.startsWith("uint") || type.startsWith("int") && !type.equals("int")) {
            return new BigInteger(word, 16).toString();
        }
        if (type.equals("address")) {
            return "0x" + word.substring(24);
        }
        if (type.equals("bool")) {
            return new BigInteger(word, 16).signum() == 0 ? "false" : "true";
        }
        return "0x" + word;
    }
}
