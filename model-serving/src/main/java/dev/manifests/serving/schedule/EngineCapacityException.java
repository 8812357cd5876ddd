package dev.manifests.serving.schedule;

/**
 * The engine's queue of waiting documents is full: the caller should slow down (Flink's async operator turns this
 * into back-pressure) or retry later. The message names the limit.
 */
public class EngineCapacityException extends RuntimeException {

    private final int maxQueue;

    public EngineCapacityException(int maxQueue) {
        super("extraction queue is full: " + maxQueue + " documents are already waiting (EngineOptions.maxQueue = " + maxQueue + ")");
        this.maxQueue = maxQueue;
    }

    public int maxQueue() {
        return maxQueue;
    }
}
