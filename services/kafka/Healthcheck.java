// Produce/consume round trip against the local broker, used by scripts/services/kafka.sh only
// when `kcat` is not available. Run as a single-file source program (JDK 11+):
//   java -cp '<libs>/*' services/kafka/Healthcheck.java 127.0.0.1:9092 services_healthcheck
// Exit 0 when the message it wrote was read back and its offset committed for a consumer group
// (so the group coordinator works too), 1 otherwise (the reason on stderr).
// An open port is not enough: a KRaft broker accepts connections before it can serve
// produce requests, and consumers need the offsets topic, so we test what clients will do.

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class Healthcheck {
  public static void main(String[] args) throws Exception {
    String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
    String topic = args.length > 1 ? args[1] : "services_healthcheck";
    String token = "healthcheck-" + UUID.randomUUID();

    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "8000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());

    RecordMetadata written;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      written = producer.send(new ProducerRecord<>(topic, token, token)).get();
    } catch (Exception e) {
      System.err.println("produce failed: " + e);
      System.exit(1);
      return;
    }

    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "8000");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    TopicPartition tp = new TopicPartition(topic, written.partition());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
      // assign + seek: no rebalance to wait for; the group is only used for the commit below.
      consumer.assign(List.of(tp));
      consumer.seek(tp, written.offset());
      long deadline = System.currentTimeMillis() + 8000;
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (token.equals(r.value())) {
            // Needs the group coordinator (__consumer_offsets), which comes up after the partitions.
            try {
              consumer.commitSync(Map.of(tp, new OffsetAndMetadata(r.offset() + 1)));
            } catch (Exception e) {
              System.err.println("commit failed: " + e);
              System.exit(1);
            }
            System.exit(0);
          }
        }
      }
    }
    System.err.println("consume failed: message at " + tp + "@" + written.offset() + " not read back");
    System.exit(1);
  }
}
