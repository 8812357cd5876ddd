package dev.manifests.serving.schedule;

import dev.manifests.serving.decode.SequenceDecoder;

/** One part of a document being decoded in a KV slot. Owned by the scheduler thread of its lane. */
final class PartSequence {

    final DocumentJob job;
    final SequenceDecoder decoder;
    final int slot;

    PartSequence(DocumentJob job, SequenceDecoder decoder, int slot) {
        this.job = job;
        this.decoder = decoder;
        this.slot = slot;
    }
}
