package dev.manifests.serving.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The byte string of every token id of a byte-level BPE tokenizer, read from its {@code tokenizer.json}, and the
 * special token ids of STEP_CONTRACT.md. Masks are computed from these bytes, so they follow the tokenizer exactly.
 */
public final class Vocabulary {

    public static final String PAD = "<|pad|>";
    public static final String BOS = "<|bos|>";
    public static final String EOS = "<|eos|>";
    public static final String DOC = "<|doc|>";
    public static final String JSON = "<|json|>";

    /** Token bytes by id; null for added (special) tokens and for ids the file leaves unused. */
    private final byte[][] bytes;
    private final int[] singleByteIds;
    /** Token ids by their bytes (as ISO-8859-1 text, one char a byte), for {@link #longestMatchTokens}. */
    private final Map<String, Integer> idsByBytes = new HashMap<>();
    private final int longestTokenBytes;
    private final int bos;
    private final int eos;
    private final int doc;
    private final int json;

    private Vocabulary(byte[][] bytes, Map<String, Integer> special) {
        this.bytes = bytes;
        this.singleByteIds = new int[256];
        Arrays.fill(singleByteIds, -1);
        int longest = 0;
        for (int id = 0; id < bytes.length; id++) {
            if (bytes[id] == null || bytes[id].length == 0) {
                continue;
            }
            if (bytes[id].length == 1) {
                singleByteIds[bytes[id][0] & 0xFF] = id;
            }
            idsByBytes.putIfAbsent(new String(bytes[id], StandardCharsets.ISO_8859_1), id);
            longest = Math.max(longest, bytes[id].length);
        }
        this.longestTokenBytes = longest;
        this.bos = requireSpecial(special, BOS);
        this.eos = requireSpecial(special, EOS);
        this.doc = requireSpecial(special, DOC);
        this.json = requireSpecial(special, JSON);
        requireSpecial(special, PAD);
    }

    /** Reads a Hugging Face {@code tokenizer.json} whose model is byte-level BPE. */
    public static Vocabulary read(Path tokenizerJson) throws IOException {
        try (InputStream in = Files.newInputStream(tokenizerJson)) {
            return read(in);
        }
    }

    public static Vocabulary read(InputStream tokenizerJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(tokenizerJson);
        JsonNode vocab = root.path("model").path("vocab");
        if (!vocab.isObject()) {
            throw new IOException("tokenizer.json has no model.vocab object: not a BPE tokenizer");
        }
        Map<String, Integer> special = new HashMap<>();
        int size = 0;
        for (JsonNode added : root.path("added_tokens")) {
            special.put(added.path("content").asText(), added.path("id").asInt());
            size = Math.max(size, added.path("id").asInt() + 1);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            size = Math.max(size, it.next().getValue().asInt() + 1);
        }
        int[] unicodeToByte = unicodeToByte();
        byte[][] bytes = new byte[size][];
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            int id = entry.getValue().asInt();
            if (!special.containsKey(entry.getKey())) {
                bytes[id] = toBytes(entry.getKey(), unicodeToByte);
            }
        }
        return new Vocabulary(bytes, special);
    }

    /** Number of token ids (the largest id plus one). */
    public int size() {
        return bytes.length;
    }

    /** The bytes token {@code id} stands for, or null for a special token. Do not modify the array. */
    public byte[] bytes(int id) {
        return id >= 0 && id < bytes.length ? bytes[id] : null;
    }

    public boolean isSpecial(int id) {
        return bytes(id) == null;
    }

    /** The id of the token that is exactly the one byte {@code b}; every byte-level vocabulary has all 256. */
    public int byteToken(int b) {
        int id = singleByteIds[b & 0xFF];
        if (id < 0) {
            throw new IllegalStateException("vocabulary has no token for byte 0x" + Integer.toHexString(b & 0xFF));
        }
        return id;
    }

    /**
     * Tokens that spell {@code text} exactly, the longest token that fits taken at each point. Not the tokenizer's
     * own merges, but every byte has a token, so any bytes can be spelt.
     */
    public int[] longestMatchTokens(byte[] text) {
        int[] tokens = new int[text.length];
        int count = 0;
        for (int at = 0; at < text.length; ) {
            int id = byteToken(text[at]);
            int length = 1;
            for (int n = Math.min(longestTokenBytes, text.length - at); n > 1; n--) {
                Integer longer = idsByBytes.get(new String(text, at, n, StandardCharsets.ISO_8859_1));
                if (longer != null) {
                    id = longer;
                    length = n;
                    break;
                }
            }
            tokens[count++] = id;
            at += length;
        }
        return Arrays.copyOf(tokens, count);
    }

    public int bos() {
        return bos;
    }

    public int eos() {
        return eos;
    }

    public int doc() {
        return doc;
    }

    public int json() {
        return json;
    }

    /** Concatenates the bytes of the given tokens and decodes them as UTF-8 (special tokens contribute nothing). */
    public String text(int[] ids, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            byte[] b = bytes(ids[i]);
            if (b != null) {
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int requireSpecial(Map<String, Integer> special, String name) {
        Integer id = special.get(name);
        if (id == null) {
            throw new IllegalArgumentException("tokenizer.json lacks the special token " + name);
        }
        return id;
    }

    private static byte[] toBytes(String token, int[] unicodeToByte) {
        byte[] out = new byte[token.length()];
        int n = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            int b = c < unicodeToByte.length ? unicodeToByte[c] : -1;
            if (b < 0) {
                throw new IllegalArgumentException("token " + token + " has a character outside the byte-level alphabet");
            }
            out[n++] = (byte) b;
        }
        return out;
    }

    /**
     * The inverse of GPT-2's byte-to-unicode map: printable Latin-1 bytes stand for themselves, the other bytes
     * were shifted to U+0100 onwards in byte order.
     */
    private static int[] unicodeToByte() {
        int[] map = new int[512];
        Arrays.fill(map, -1);
        boolean[] printable = new boolean[256];
        for (int b = '!'; b <= '~'; b++) {
            printable[b] = true;
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable[b] = true;
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable[b] = true;
        }
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            if (printable[b]) {
                map[b] = b;
            } else {
                map[256 + shifted++] = b;
            }
        }
        return map;
    }
}
