import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Kafka's own Java consumer with group.protocol=consumer (KIP-848): consumes until it has
 * `count` records, committing synchronously after each poll, then closes (leaving the group).
 * Prints one JSON line per event (assign, revoke, record, closed).
 *
 * args: bootstrap topic groupId count
 */
public final class Kip848Consumer {
  private static void emit(String json) {
    System.out.println(json);
    System.out.flush();
  }

  private static String partitions(Collection<TopicPartition> tps) {
    List<String> out = new ArrayList<>();
    for (TopicPartition tp : tps) out.add(Integer.toString(tp.partition()));
    out.sort(null);
    return "[" + String.join(",", out) + "]";
  }

  public static void main(String[] args) {
    Properties props = new Properties();
    props.put("bootstrap.servers", args[0]);
    props.put("group.id", args[2]);
    props.put("group.protocol", "consumer");
    props.put("auto.offset.reset", "earliest");
    props.put("enable.auto.commit", "false");
    props.put("key.deserializer", StringDeserializer.class.getName());
    props.put("value.deserializer", StringDeserializer.class.getName());
    int count = Integer.parseInt(args[3]);
    int seen = 0;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(args[1]), new ConsumerRebalanceListener() {
        @Override public void onPartitionsAssigned(Collection<TopicPartition> tps) { emit("{\"event\":\"assign\",\"partitions\":" + partitions(tps) + "}"); }
        @Override public void onPartitionsRevoked(Collection<TopicPartition> tps) { emit("{\"event\":\"revoke\",\"partitions\":" + partitions(tps) + "}"); }
      });
      long deadline = System.currentTimeMillis() + 60_000;
      while (seen < count && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          seen++;
          emit("{\"event\":\"record\",\"partition\":" + r.partition() + ",\"offset\":" + r.offset() + ",\"value\":\"" + r.value() + "\"}");
        }
        consumer.commitSync();
      }
    }
    emit("{\"event\":\"closed\"}");
  }
}
