package dev.manifests.serving.exec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The client of the step executor process ({@code model-serving/python/step_server.py}): the same three methods
 * over a loopback TCP socket, framed as STEP_CONTRACT.md describes (little-endian; one status byte per reply).
 * Used on GPU hosts whose PyTorch DJL's native bridge cannot bind to.
 */
public final class SocketStepExecutor implements StepExecutor {

    private static final byte OP_INIT_CACHE = 1;
    private static final byte OP_SET_MASKS = 2;
    private static final byte OP_STEP = 3;
    private static final byte OP_DESCRIBE = 4;
    private static final byte OP_CLOSE = 5;
    private static final byte OP_STEP_TOP = 6;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String address;

    private SocketStepExecutor(Socket socket, String address) throws IOException {
        this.socket = socket;
        this.address = address;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    }

    /** Connects to an executor process listening on {@code host:port}; the contract allows loopback only. */
    public static SocketStepExecutor connect(String host, int port, int connectTimeoutMillis) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            if (!socket.getInetAddress().isLoopbackAddress()) {
                socket.close();
                throw new IllegalArgumentException("the step executor must listen on loopback, not " + host);
            }
            return new SocketStepExecutor(socket, host + ":" + port);
        } catch (IOException e) {
            closeQuietly(socket, e);
            throw new UncheckedIOException("cannot reach the step executor at " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long initCache(int numSlots, int maxLen) {
        ByteBuffer request = frame(OP_INIT_CACHE, 8);
        request.putInt(numSlots).putInt(maxLen);
        ByteBuffer reply = call(request, 8);
        return reply.getLong();
    }

    @Override
    public void setMasks(boolean[][] masks) {
        int rows = masks.length;
        int vocab = rows == 0 ? 0 : masks[0].length;
        ByteBuffer request = frame(OP_SET_MASKS, 8 + rows * vocab);
        request.putInt(rows).putInt(vocab);
        for (boolean[] row : masks) {
            if (row.length != vocab) {
                throw new IllegalArgumentException("mask rows differ in length: " + row.length + " vs " + vocab);
            }
            for (boolean allowed : row) {
                request.put(allowed ? (byte) 1 : (byte) 0);
            }
        }
        int stored = call(request, 4).getInt();
        if (stored != rows) {
            throw new IllegalStateException("the step executor stored " + stored + " mask rows, " + rows + " were sent");
        }
    }

    @Override
    public StepResult step(StepBatch batch) {
        int n = batch.tokenCount();
        int b = batch.sequenceCount();
        int r = batch.outRows().length;
        int k = batch.candidates();
        boolean top = k > 1;
        ByteBuffer request = frame(top ? OP_STEP_TOP : OP_STEP, (top ? 16 : 12) + 4 * (2 * n + 2 * b + 2 * r));
        request.putInt(n).putInt(b).putInt(r);
        if (top) {
            request.putInt(k);
        }
        putAll(request, batch.tokens());
        putAll(request, batch.positions());
        putAll(request, batch.seqLens());
        putAll(request, batch.slots());
        putAll(request, batch.outRows());
        putAll(request, batch.maskIds());
        ByteBuffer reply = call(request, 8 * r * k + 8);
        int[] tokens = new int[r * k];
        float[] logProbs = new float[r * k];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = reply.getInt();
        }
        for (int i = 0; i < logProbs.length; i++) {
            logProbs[i] = reply.getFloat();
        }
        return new StepResult(tokens, logProbs, reply.getDouble(), k);
    }

    @Override
    public String describe() {
        ByteBuffer reply = call(frame(OP_DESCRIBE, 0), 4);
        int length = reply.getInt();
        return "executor " + address + " " + new String(readFully(length).array(), StandardCharsets.UTF_8);
    }

    /** Asks the executor process to exit, then closes the connection. */
    @Override
    public void close() {
        try {
            if (!socket.isClosed()) {
                out.write(OP_CLOSE);
                out.flush();
            }
        } catch (IOException e) {
            // the process may already be gone; the socket is closed below either way
            closeQuietly(socket, e);
            return;
        }
        closeQuietly(socket, null);
    }

    private static ByteBuffer frame(byte op, int payload) {
        ByteBuffer buffer = ByteBuffer.allocate(1 + payload).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(op);
        return buffer;
    }

    private static void putAll(ByteBuffer buffer, int[] values) {
        for (int value : values) {
            buffer.putInt(value);
        }
    }

    /** Sends one request and reads the status byte and a fixed-size payload (more may follow for describe). */
    private ByteBuffer call(ByteBuffer request, int replyBytes) {
        try {
            out.write(request.array(), 0, request.position());
            out.flush();
            int status = in.read();
            if (status < 0) {
                throw new IllegalStateException("the step executor at " + address + " closed the connection");
            }
            if (status != 0) {
                int length = readFully(4).getInt();
                String message = new String(readFully(length).array(), StandardCharsets.UTF_8);
                throw new IllegalStateException("the step executor at " + address + " failed: " + message);
            }
            return readFully(replyBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("the step executor at " + address + " broke off: " + e.getMessage(), e);
        }
    }

    private ByteBuffer readFully(int bytes) {
        byte[] data = new byte[bytes];
        try {
            in.readFully(data);
        } catch (IOException e) {
            throw new UncheckedIOException("the step executor at " + address + " broke off: " + e.getMessage(), e);
        }
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void closeQuietly(Socket socket, Exception primary) {
        try {
            socket.close();
        } catch (IOException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            }
        }
    }

}
