package dev.manifests.serving.exec;

import dev.manifests.serving.pack.ModelPackage;

/**
 * Opens the step executor a device setting names: {@code cpu}, {@code cuda} or {@code cuda:N} run the package's
 * step module in-process through DJL; {@code executor:HOST:PORT} connects to a step executor process that has the
 * same package loaded. {@code intraOpThreads} applies to in-process CPU steps only (0: libtorch's own choice).
 */
public final class StepExecutors {

    public static final String EXECUTOR_PREFIX = "executor:";
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private StepExecutors() {
    }

    public static StepExecutor open(ModelPackage modelPackage, String device, int intraOpThreads) {
        if (device.startsWith(EXECUTOR_PREFIX)) {
            String address = device.substring(EXECUTOR_PREFIX.length());
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || colon == address.length() - 1) {
                throw new IllegalArgumentException("device '" + device + "' must look like executor:127.0.0.1:PORT");
            }
            int port;
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("device '" + device + "' has no numeric port", e);
            }
            return SocketStepExecutor.connect(address.substring(0, colon), port, CONNECT_TIMEOUT_MILLIS);
        }
        return DjlStepExecutor.load(modelPackage.stepModule(), device, intraOpThreads);
    }
}
