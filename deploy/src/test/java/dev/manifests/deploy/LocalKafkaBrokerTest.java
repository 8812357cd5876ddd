package dev.manifests.deploy;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalKafkaBrokerTest {

    @Test
    void startsABrokerThatCreatesTopicsAndCarriesRecords() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "kafka-");
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(LocalKafkaBroker.Options.in(data))) {
            broker.createTopics(List.of("documents", "letters"), 2);
            broker.createTopics(List.of("documents"), 2);

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("documents", "letters");
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("documents", 0, "bol-1", "hello")).get(10, TimeUnit.SECONDS);
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                    Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringDeserializer(), new StringDeserializer())) {
                TopicPartition partition = new TopicPartition("documents", 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                List<ConsumerRecord<String, String>> records = new ArrayList<>();
                Instant deadline = Instant.now().plusSeconds(20);
                while (records.isEmpty() && Instant.now().isBefore(deadline)) {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
                assertThat(records).singleElement().satisfies(record -> {
                    assertThat(record.key()).isEqualTo("bol-1");
                    assertThat(record.value()).isEqualTo("hello");
                });
            }
        }
        assertThat(data.resolve("logs/meta.properties")).exists();
    }

    @Test
    void saysHowToBuildWhenTheClassPathFileIsMissing() {
        LocalKafkaBroker.Options options = new LocalKafkaBroker.Options(Path.of("target/kafka-none"), 0,
                Path.of("target/no-such.classpath"), Duration.ofSeconds(5), 256);

        assertThatThrownBy(() -> LocalKafkaBroker.start(options))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mvn -B -q install -DskipTests");
    }
}
