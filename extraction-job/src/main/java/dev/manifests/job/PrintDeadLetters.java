package dev.manifests.job;

import dev.manifests.job.sink.DeadLetterRecords;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/dlq [--kafka.bootstrap-servers H:P] [--kafka.topic.dlq T]}: prints every dead letter on the topic so
 * far (key, step, reason, size) and stops at the end of the topic.
 */
public final class PrintDeadLetters {

    private PrintDeadLetters() {
    }

    /** One dead letter as read back from the topic. */
    public record DeadLetter(String key, String step, String reason, String extractedJson, byte[] bytes,
                             Map<String, String> headers) {
    }

    public static void main(String[] args) {
        Configuration config = CommandLine.parse(args).configuration();
        List<DeadLetter> letters = readAll(config.get(JobOptions.BOOTSTRAP_SERVERS), config.get(JobOptions.DLQ_TOPIC),
                Duration.ofSeconds(30));
        System.out.printf(Locale.ROOT, "%-36s %-9s %10s  %s%n", "key", "step", "bytes", "reason");
        for (DeadLetter letter : letters) {
            System.out.printf(Locale.ROOT, "%-36s %-9s %10d  %s%n", letter.key(), letter.step(), letter.bytes().length,
                    letter.reason());
        }
        System.out.println(letters.size() + " dead letters on " + config.get(JobOptions.DLQ_TOPIC));
    }

    /** Every record on the topic up to its current end (committed ones only, should the job write transactions). */
    public static List<DeadLetter> readAll(String bootstrapServers, String topic, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                    }
                    letters.add(new DeadLetter(
                            record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                            headers.get(DeadLetterRecords.STEP), headers.get(DeadLetterRecords.REASON),
                            headers.get(DeadLetterRecords.EXTRACTED_JSON),
                            record.value() == null ? new byte[0] : record.value(), headers));
                }
            }
        }
        return letters;
    }
}
