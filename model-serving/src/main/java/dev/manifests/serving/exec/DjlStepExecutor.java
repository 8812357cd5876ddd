package dev.manifests.serving.exec;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs the package's TorchScript step module in-process through DJL's PyTorch engine (libtorch from the
 * pytorch-native jar, never downloaded), on the CPU or a CUDA device. The module's methods {@code init_cache},
 * {@code set_masks}, {@code step} and {@code step_top} are called by name; every step's tensors live in an {@link NDManager} scope
 * closed when the step returns, so native memory does not grow with the number of steps.
 */
public final class DjlStepExecutor implements StepExecutor {

    private static final String ENGINE = "PyTorch";

    private final Device device;
    private final PtNDManager manager;
    private final PtSymbolBlock module;
    /** libtorch's intra-op threads for steps, 0 to keep its own choice. */
    private final int intraOpThreads;
    /** The last thread prepared for steps: grad mode and thread count are per thread in libtorch. */
    private volatile Thread prepared;

    private DjlStepExecutor(Device device, PtNDManager manager, PtSymbolBlock module, int intraOpThreads) {
        this.device = device;
        this.manager = manager;
        this.module = module;
        this.intraOpThreads = intraOpThreads;
    }

    /**
     * Loads {@code stepModule} onto {@code device} ("cpu", "cuda" or "cuda:N"). The caller is expected to have set
     * {@code ai.djl.offline=true} at the edge; the module is loaded with its tensors mapped to the device.
     */
    public static DjlStepExecutor load(Path stepModule, String device) {
        return load(stepModule, device, 0);
    }

    /**
     * As {@link #load(Path, String)}, running steps with {@code intraOpThreads} libtorch threads (0: libtorch's own
     * choice, which is every core).
     */
    public static DjlStepExecutor load(Path stepModule, String device, int intraOpThreads) {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must not be negative, was " + intraOpThreads);
        }
        if (!Files.isRegularFile(stepModule)) {
            throw new IllegalArgumentException(stepModule + ": the step module is missing");
        }
        Device target = parseDevice(device);
        Engine engine = Engine.getEngine(ENGINE);
        if (target.isGpu() && engine.getGpuCount() <= target.getDeviceId()) {
            throw new IllegalStateException("device " + device + " was asked for but DJL's PyTorch engine sees "
                    + engine.getGpuCount() + " GPUs (libtorch " + LibUtils.getVersion() + " at " + LibUtils.getLibtorchPath() + ")");
        }
        PtNDManager manager = (PtNDManager) NDManager.newBaseManager(target, ENGINE);
        try {
            PtSymbolBlock module = JniUtils.loadModule(manager, stepModule, true, new String[0], new String[0], false);
            JniUtils.enableInferenceMode(module);
            return new DjlStepExecutor(target, manager, module, intraOpThreads);
        } catch (RuntimeException e) {
            manager.close();
            throw new IllegalStateException(stepModule + ": libtorch " + LibUtils.getVersion()
                    + " cannot load the step module: " + e.getMessage(), e);
        }
    }

    static Device parseDevice(String device) {
        String name = device.trim().toLowerCase(java.util.Locale.ROOT);
        if (name.equals("cpu")) {
            return Device.cpu();
        }
        if (name.equals("cuda") || name.equals("gpu")) {
            return Device.gpu();
        }
        if (name.startsWith("cuda:")) {
            return Device.gpu(Integer.parseInt(name.substring("cuda:".length())));
        }
        throw new IllegalArgumentException("unknown device '" + device + "': expected cpu, cuda or cuda:N");
    }

    @Override
    public long initCache(int numSlots, int maxLen) {
        prepareThread();
        try (IValue slots = IValue.from((long) numSlots);
                IValue len = IValue.from((long) maxLen);
                IValue bytes = IValueUtils.runMethod(module, "init_cache", slots, len)) {
            return bytes.toLong();
        }
    }

    @Override
    public void setMasks(boolean[][] masks) {
        prepareThread();
        int rows = masks.length;
        int vocab = rows == 0 ? 0 : masks[0].length;
        ByteBuffer flat = ByteBuffer.allocateDirect(rows * vocab);
        for (boolean[] row : masks) {
            if (row.length != vocab) {
                throw new IllegalArgumentException("mask rows differ in length: " + row.length + " vs " + vocab);
            }
            for (boolean allowed : row) {
                flat.put(allowed ? (byte) 1 : (byte) 0);
            }
        }
        flat.flip();
        try (NDManager scope = manager.newSubManager()) {
            // DJL wraps a direct buffer without copying it, and the module keeps the tensor it is given: without a
            // copy in libtorch's own memory the module's mask table would point into a buffer the JVM frees later
            PtNDArray wrapped = (PtNDArray) scope.create(flat, new Shape(rows, vocab), DataType.BOOLEAN);
            PtNDArray table = (PtNDArray) wrapped.duplicate();
            try (IValue argument = IValue.from(table);
                    IValue stored = IValueUtils.runMethod(module, "set_masks", argument)) {
                long count = stored.toLong();
                if (count != rows) {
                    throw new IllegalStateException("the step module stored " + count + " mask rows, " + rows + " were sent");
                }
            }
        }
    }

    @Override
    public StepResult step(StepBatch batch) {
        prepareThread();
        long started = System.nanoTime();
        try (NDManager scope = manager.newSubManager()) {
            IValue[] arguments = {
                IValue.from(int64(scope, batch.tokens())),
                IValue.from(int64(scope, batch.positions())),
                IValue.from(int64(scope, batch.seqLens())),
                IValue.from(int64(scope, batch.slots())),
                IValue.from(int64(scope, batch.outRows())),
                IValue.from(int64(scope, batch.maskIds()))
            };
            IValue[] call = arguments;
            if (batch.candidates() > 1) {
                call = Arrays.copyOf(arguments, arguments.length + 1);
                call[arguments.length] = IValue.from((long) batch.candidates());
            }
            try (IValue result = IValueUtils.runMethod(module, batch.candidates() > 1 ? "step_top" : "step", call)) {
                IValue[] pair = result.toIValueTuple();
                try {
                    long[] next = pair[0].toTensor((PtNDManager) scope).toLongArray();
                    float[] logProbs = pair[1].toTensor((PtNDManager) scope).toType(DataType.FLOAT32, false).toFloatArray();
                    int[] tokens = new int[next.length];
                    for (int i = 0; i < next.length; i++) {
                        tokens[i] = (int) next[i];
                    }
                    // reading the results back synchronises with the device, so this is the step's device time
                    return new StepResult(tokens, logProbs, (System.nanoTime() - started) / 1e6, batch.candidates());
                } finally {
                    for (IValue value : pair) {
                        value.close();
                    }
                }
            } finally {
                for (IValue argument : call) {
                    argument.close();
                }
            }
        }
    }

    private static PtNDArray int64(NDManager scope, int[] values) {
        long[] wide = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return (PtNDArray) scope.create(wide);
    }

    /**
     * Grad mode, the graph executor's optimisation and the intra-op thread count are per thread in libtorch, and the
     * scheduler thread is not the thread that loaded the module; they are set once for each thread that calls.
     * Every step has other shapes (tokens, runs, rows), so the profiling executor's shape specialisation would keep
     * re-optimising instead of helping: it is switched off.
     */
    private void prepareThread() {
        Thread current = Thread.currentThread();
        if (prepared == current) {
            return;
        }
        JniUtils.setGradMode(false);
        JniUtils.setGraphExecutorOptimize(false);
        if (intraOpThreads > 0 && !device.isGpu()) {
            JniUtils.setNumThreads(intraOpThreads);
        }
        prepared = current;
    }

    @Override
    public String describe() {
        return device + (intraOpThreads > 0 && !device.isGpu() ? " (intra-op threads: " + intraOpThreads + ")" : "")
                + ", libtorch " + LibUtils.getVersion() + " through DJL " + Engine.getDjlVersion();
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }
}
