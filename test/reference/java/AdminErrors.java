import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/**
 * AdminClient calls that a broker must refuse, each printed as ERR name ExceptionClass (or
 * ERR name none [answer] when the call succeeded), so a test can compare them with Apache Kafka's.
 * Compiled with AdminCalls, whose consumer settings it shares. Usage: AdminErrors bootstrap topic group
 */
public class AdminErrors {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0], topic = args[1], group = args[2];
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
      TopicPartition p0 = new TopicPartition(topic, 0);
      ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      ConfigResource missing = new ConfigResource(ConfigResource.Type.TOPIC, topic + "-missing");

      attempt("create-existing", () -> admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get());
      attempt("create-bad-name", () -> admin.createTopics(List.of(new NewTopic("bad/name", 1, (short) 1))).all().get());
      attempt("create-replication-3", () -> admin.createTopics(List.of(new NewTopic(topic + "-r3", 1, (short) 3))).all().get());
      attempt("describe-missing", () -> admin.describeTopics(List.of(topic + "-missing")).allTopicNames().get());
      attempt("delete-missing", () -> admin.deleteTopics(List.of(topic + "-missing")).all().get());
      attempt("partitions-decrease", () -> admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(1))).all().get());
      attempt("partitions-same", () -> admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(2))).all().get());
      attempt("config-unknown-name", () -> admin.incrementalAlterConfigs(Map.of(res, List.of(new AlterConfigOp(new ConfigEntry("no.such.config", "1"), AlterConfigOp.OpType.SET)))).all().get());
      attempt("config-bad-value", () -> admin.incrementalAlterConfigs(Map.of(res, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "soon"), AlterConfigOp.OpType.SET)))).all().get());
      attempt("config-missing-topic", () -> admin.incrementalAlterConfigs(Map.of(missing, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET)))).all().get());
      attempt("describe-config-missing-topic", () -> admin.describeConfigs(List.of(missing)).all().get());
      attempt("delete-records-past-end", () -> admin.deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(100))).all().get());
      attempt("group-offsets-unknown-group", () -> admin.listConsumerGroupOffsets(group + "-missing").partitionsToOffsetAndMetadata().get().size());
      attempt("describe-unknown-group", () -> admin.describeConsumerGroups(List.of(group + "-missing")).all().get().get(group + "-missing").groupState());

      try (KafkaConsumer<String, String> consumer = AdminCalls.consumer(bootstrap, group)) {
        consumer.subscribe(List.of(topic));
        long deadline = System.currentTimeMillis() + 30_000;
        while (consumer.assignment().size() < 2 && System.currentTimeMillis() < deadline) consumer.poll(Duration.ofMillis(200));
        consumer.commitSync(Map.of(p0, new OffsetAndMetadata(0)));
        // The group has a live member: its offsets belong to it.
        attempt("alter-offsets-active-group", () -> admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(0))).all().get());
        attempt("delete-offsets-subscribed", () -> admin.deleteConsumerGroupOffsets(group, Set.of(p0)).all().get());
        attempt("delete-active-group", () -> admin.deleteConsumerGroups(List.of(group)).all().get());
      }
      attempt("delete-empty-group", () -> admin.deleteConsumerGroups(List.of(group)).all().get());
      attempt("delete-deleted-group", () -> admin.deleteConsumerGroups(List.of(group)).all().get());
    }
  }

  static void attempt(String name, Callable<Object> call) {
    try {
      Object answer = call.call();
      System.out.println("ERR " + name + " none" + (answer == null ? "" : " " + answer));
    } catch (Exception e) {
      Throwable t = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      System.out.println("ERR " + name + " " + t.getClass().getSimpleName());
    }
  }
}
