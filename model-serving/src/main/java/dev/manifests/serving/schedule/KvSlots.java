package dev.manifests.serving.schedule;

import java.util.PriorityQueue;

/**
 * The KV cache slots of the step module: which are free. The lowest free slot is handed out first, so running
 * sequences stay in a compact range of slots and a step of decode tokens can read the cache in place. Owned by
 * the scheduler thread of one lane.
 */
final class KvSlots {

    private final int count;
    private final PriorityQueue<Integer> free = new PriorityQueue<>();

    KvSlots(int count) {
        this.count = count;
        for (int slot = 0; slot < count; slot++) {
            free.add(slot);
        }
    }

    boolean available() {
        return !free.isEmpty();
    }

    int take() {
        Integer slot = free.poll();
        if (slot == null) {
            throw new IllegalStateException("no free KV slot");
        }
        return slot;
    }

    void release(int slot) {
        free.add(slot);
    }

    int inUse() {
        return count - free.size();
    }

    int count() {
        return count;
    }
}
