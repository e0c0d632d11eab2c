import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One member of a consumer group (classic protocol), driven by a test through its stdin and
 * stdout: prints ASSIGNED/REVOKED with the partitions, RECORD partition offset key value for
 * each record, COMMITTED after each synchronous commit, and leaves the group (close) when a
 * line "stop" arrives. Usage: GroupMember bootstrap topic group clientId
 */
public class GroupMember {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", args[0]);
    props.put("group.id", args[2]);
    props.put("client.id", args[3]);
    props.put("group.protocol", "classic");
    props.put("enable.auto.commit", "false");
    props.put("auto.offset.reset", "earliest");
    props.put("session.timeout.ms", "10000");
    props.put("heartbeat.interval.ms", "500");
    props.put("key.deserializer", StringDeserializer.class.getName());
    props.put("value.deserializer", StringDeserializer.class.getName());

    AtomicBoolean stop = new AtomicBoolean(false);
    Thread stdin = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
        String line;
        while ((line = in.readLine()) != null) if (line.trim().equals("stop")) break;
      } catch (Exception e) {
        // stdin closed: stop as well
      }
      stop.set(true);
    });
    stdin.setDaemon(true);
    stdin.start();

    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(args[1]), new ConsumerRebalanceListener() {
        public void onPartitionsRevoked(Collection<TopicPartition> parts) {
          // Commit what was processed before giving partitions away, so the next owner resumes there.
          consumer.commitSync();
          say("REVOKED " + describe(parts));
        }
        public void onPartitionsAssigned(Collection<TopicPartition> parts) {
          say("ASSIGNED " + describe(parts));
        }
      });
      while (!stop.get()) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<String, String> r : records) say("RECORD " + r.partition() + " " + r.offset() + " " + r.key() + " " + r.value());
        if (!records.isEmpty()) {
          consumer.commitSync();
          say("COMMITTED");
        }
      }
    }
    say("CLOSED");
  }

  static String describe(Collection<TopicPartition> parts) {
    return parts.stream().map(TopicPartition::partition).sorted().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
  }

  static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
