package dev.manifests.serving.decode;

import java.util.Arrays;

/** A growable queue of token ids: appended at the tail, consumed from the head. */
final class TokenBuffer {

    private int[] ids = new int[64];
    private int head;
    private int tail;

    void add(int id) {
        if (tail == ids.length) {
            if (head > ids.length / 2) {
                System.arraycopy(ids, head, ids, 0, tail - head);
                tail -= head;
                head = 0;
            } else {
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
        }
        ids[tail++] = id;
    }

    void addAll(int[] tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            add(tokens[i]);
        }
    }

    void addAll(int[] tokens) {
        addAll(tokens, 0, tokens.length);
    }

    int size() {
        return tail - head;
    }

    int get(int index) {
        return ids[head + index];
    }

    int last() {
        return ids[tail - 1];
    }

    void removeFirst(int count) {
        if (count > size()) {
            throw new IllegalArgumentException("removing " + count + " of " + size() + " tokens");
        }
        head += count;
        if (head == tail) {
            head = 0;
            tail = 0;
        }
    }

    int[] toArray() {
        return Arrays.copyOfRange(ids, head, tail);
    }

    /** Copies the first {@code count} tokens into {@code out} at {@code at}. */
    void copyTo(int count, int[] out, int at) {
        System.arraycopy(ids, head, out, at, count);
    }
}
