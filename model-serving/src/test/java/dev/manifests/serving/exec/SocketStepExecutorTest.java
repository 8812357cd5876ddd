package dev.manifests.serving.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the wire format of STEP_CONTRACT.md against a loopback peer that decodes every frame the way the
 * contract specifies and answers with values derived from what it read, so a mis-ordered or mis-sized field shows.
 */
class SocketStepExecutorTest {

    private ServerSocket server;
    private CompletableFuture<List<Integer>> served;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        served = CompletableFuture.supplyAsync(this::serve);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void framesEveryMethodAsTheContractSays() throws Exception {
        try (SocketStepExecutor executor = SocketStepExecutor.connect("127.0.0.1", server.getLocalPort(), 2000)) {
            assertThat(executor.initCache(3, 100)).isEqualTo(3L * 100 * 1_000_000_000L);
            executor.setMasks(new boolean[][] {{true, true, true}, {false, true, false}});
            StepResult result = executor.step(new StepBatch(
                    new int[] {10, 11, 12, 20}, new int[] {0, 1, 2, 7}, new int[] {3, 1}, new int[] {2, 0},
                    new int[] {2, 3}, new int[] {0, 1}));
            // the peer answers token = tokens[outRow] * 10 + maskId, logProb = -outRow / 4
            assertThat(result.nextTokens()).containsExactly(120, 201);
            assertThat(result.logProbs()).containsExactly(-0.5f, -0.75f);
            assertThat(result.deviceMillis()).isEqualTo(4.0 + 2 + 2);
            assertThat(executor.describe()).contains("\"device\":\"loopback\"");
        }
        // the peer saw, in order: init_cache, set_masks (with its mask bit count), step, describe, close
        assertThat(served.get(5, TimeUnit.SECONDS)).containsExactly(1, 2, 4, 3, 4, 5);
    }

    @Test
    void framesAStepForSeveralCandidatesAsStepTop() throws Exception {
        try (SocketStepExecutor executor = SocketStepExecutor.connect("127.0.0.1", server.getLocalPort(), 2000)) {
            StepResult result = executor.step(new StepBatch(
                    new int[] {10, 11, 20}, new int[] {0, 1, 5}, new int[] {2, 1}, new int[] {1, 0},
                    new int[] {1, 2}, new int[] {0, 1}, 3));
            // the peer answers candidate c of row r as token = tokens[outRow] * 10 + c, logProb = -c
            assertThat(result.candidates()).isEqualTo(3);
            assertThat(result.rows()).isEqualTo(2);
            assertThat(result.nextTokens()).containsExactly(110, 111, 112, 200, 201, 202);
            assertThat(result.logProbs()).containsExactly(0f, -1f, -2f, 0f, -1f, -2f);
        }
        assertThat(served.get(5, TimeUnit.SECONDS)).containsExactly(6, 5);
    }

    @Test
    void raisesTheExecutorsErrorMessage() throws Exception {
        try (SocketStepExecutor executor = SocketStepExecutor.connect("127.0.0.1", server.getLocalPort(), 2000)) {
            assertThatThrownBy(() -> executor.initCache(0, 100))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("num_slots must be positive");
        }
    }

    @Test
    void namesTheAddressItCannotReach() throws IOException {
        // a port held by a socket that does not listen refuses connections, and no other socket can take it meanwhile
        try (Socket reserved = new Socket()) {
            reserved.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = reserved.getLocalPort();
            assertThatThrownBy(() -> SocketStepExecutor.connect("127.0.0.1", port, 500))
                    .hasMessageContaining("127.0.0.1:" + port);
        }
    }

    private List<Integer> serve() {
        List<Integer> seen = new ArrayList<>();
        try (Socket socket = server.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                int op = in.read();
                if (op < 0) {
                    return seen;
                }
                seen.add(op);
                switch (op) {
                    case 1 -> {
                        ByteBuffer args = read(in, 8);
                        int slots = args.getInt();
                        int maxLen = args.getInt();
                        if (slots <= 0) {
                            byte[] message = "num_slots must be positive".getBytes(StandardCharsets.UTF_8);
                            out.write(le(1 + 4 + message.length).put((byte) 1).putInt(message.length).put(message).array());
                        } else {
                            out.write(le(9).put((byte) 0).putLong((long) slots * maxLen * 1_000_000_000L).array());
                        }
                    }
                    case 2 -> {
                        ByteBuffer header = read(in, 8);
                        int m = header.getInt();
                        int v = header.getInt();
                        ByteBuffer bits = read(in, m * v);
                        int set = 0;
                        while (bits.hasRemaining()) {
                            set += bits.get();
                        }
                        seen.add(set);
                        out.write(le(5).put((byte) 0).putInt(m).array());
                    }
                    case 3 -> {
                        StepFrame step = StepFrame.parse(in, false);
                        int r = step.outRows().length;
                        ByteBuffer reply = le(1 + 8 * r + 8).put((byte) 0);
                        for (int i = 0; i < r; i++) {
                            reply.putInt(step.tokens()[step.outRows()[i]] * 10 + step.maskIds()[i]);
                        }
                        for (int i = 0; i < r; i++) {
                            reply.putFloat(-step.outRows()[i] / 4f);
                        }
                        out.write(reply.putDouble(step.tokens().length + step.sequences() + r).array());
                    }
                    case 6 -> {
                        StepFrame step = StepFrame.parse(in, true);
                        int r = step.outRows().length;
                        int k = step.candidates();
                        ByteBuffer reply = le(1 + 8 * r * k + 8).put((byte) 0);
                        for (int i = 0; i < r; i++) {
                            for (int c = 0; c < k; c++) {
                                reply.putInt(step.tokens()[step.outRows()[i]] * 10 + c);
                            }
                        }
                        for (int i = 0; i < r * k; i++) {
                            reply.putFloat(-(i % k));
                        }
                        out.write(reply.putDouble(1.0).array());
                    }
                    case 4 -> {
                        byte[] json = "{\"device\":\"loopback\"}".getBytes(StandardCharsets.UTF_8);
                        out.write(le(5 + json.length).put((byte) 0).putInt(json.length).put(json).array());
                    }
                    case 5 -> {
                        return seen;
                    }
                    default -> throw new IllegalStateException("unknown op " + op);
                }
                out.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields of a step frame (op 3, or op 6 with its candidate count) that the peer answers from. */
    private record StepFrame(int[] tokens, int sequences, int[] outRows, int[] maskIds, int candidates) {

        static StepFrame parse(DataInputStream in, boolean top) throws IOException {
            ByteBuffer header = read(in, top ? 16 : 12);
            int n = header.getInt();
            int b = header.getInt();
            int r = header.getInt();
            int k = top ? header.getInt() : 1;
            ByteBuffer body = read(in, 4 * (2 * n + 2 * b + 2 * r));
            int[] tokens = ints(body, n);
            ints(body, n);
            ints(body, b);
            ints(body, b);
            int[] outRows = ints(body, r);
            return new StepFrame(tokens, b, outRows, ints(body, r), k);
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer read(DataInputStream in, int size) throws IOException {
        byte[] data = new byte[size];
        in.readFully(data);
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int[] ints(ByteBuffer buffer, int count) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = buffer.getInt();
        }
        return values;
    }
}
