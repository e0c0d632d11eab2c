import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka's AdminClient against a broker, one call after another on a fresh topic and group.
 * Prints one line per call with what it answered (the test compares them); any failed call
 * throws, which ends the program with a non-zero exit and the stack trace on stderr.
 * Usage: AdminCalls bootstrap topic group
 */
public class AdminCalls {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0], topic = args[1], group = args[2];
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(props)) {
      DescribeClusterResult cluster = admin.describeCluster();
      System.out.println("CLUSTER " + cluster.clusterId().get() + " nodes=" + cluster.nodes().get().size() + " controller=" + cluster.controller().get().id());

      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1).configs(Map.of("retention.ms", "3600000")))).all().get();
      System.out.println("CREATED " + topic);
      System.out.println("LISTED " + admin.listTopics().names().get().contains(topic));
      System.out.println("DESCRIBED " + describe(admin, topic));

      ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      System.out.println("CONFIG " + configs(admin, res));
      admin.incrementalAlterConfigs(Map.of(res, List.of(
          new AlterConfigOp(new ConfigEntry("retention.ms", "7200000"), AlterConfigOp.OpType.SET),
          new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.APPEND),
          new AlterConfigOp(new ConfigEntry("max.message.bytes", "65536"), AlterConfigOp.OpType.SET)))).all().get();
      System.out.println("ALTERED " + configs(admin, res));
      admin.incrementalAlterConfigs(Map.of(res, List.of(
          new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.SUBTRACT),
          new AlterConfigOp(new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE)))).all().get();
      System.out.println("REVERTED " + configs(admin, res));

      admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(3))).all().get();
      System.out.println("PARTITIONS " + describe(admin, topic));

      try (KafkaProducer<String, String> producer = producer(bootstrap)) {
        for (int p = 0; p < 3; p++) for (int i = 0; i < 10; i++) producer.send(new ProducerRecord<>(topic, p, "k" + i, "v" + i));
        producer.flush();
      }
      TopicPartition p0 = new TopicPartition(topic, 0);
      TopicPartition p1 = new TopicPartition(topic, 1);
      TopicPartition p2 = new TopicPartition(topic, 2);
      long low = admin.deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(4))).lowWatermarks().get(p0).get().lowWatermark();
      System.out.println("DELETED_RECORDS " + low + " earliest=" + admin.listOffsets(Map.of(p0, org.apache.kafka.clients.admin.OffsetSpec.earliest())).partitionResult(p0).get().offset());

      // A live member: the group is Stable with one member holding every partition.
      try (KafkaConsumer<String, String> consumer = consumer(bootstrap, group)) {
        consumer.subscribe(List.of(topic));
        long deadline = System.currentTimeMillis() + 30_000;
        while (consumer.assignment().size() < 3 && System.currentTimeMillis() < deadline) consumer.poll(Duration.ofMillis(200));
        consumer.commitSync(Map.of(p0, new OffsetAndMetadata(5), p1, new OffsetAndMetadata(6), p2, new OffsetAndMetadata(7)));
        System.out.println("GROUPS " + groups(admin, group));
        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        System.out.println("GROUP_DESCRIBED " + d.groupState() + " members=" + d.members().size() + " assignor=" + d.partitionAssignor()
            + " assigned=" + d.members().stream().flatMap(m -> m.assignment().topicPartitions().stream()).map(tp -> tp.topic() + ":" + tp.partition()).sorted().collect(Collectors.joining(",")));
      }
      System.out.println("OFFSETS " + offsets(admin, group));
      // Once the member has left, the group is Empty and its offsets can be changed.
      ConsumerGroupDescription empty = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
      System.out.println("GROUP_EMPTY " + empty.groupState() + " members=" + empty.members().size());
      admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(9), p1, new OffsetAndMetadata(2))).all().get();
      System.out.println("OFFSETS_ALTERED " + offsets(admin, group));
      admin.deleteConsumerGroupOffsets(group, Set.of(p1)).all().get();
      System.out.println("OFFSETS_DELETED " + offsets(admin, group));

      admin.deleteTopics(List.of(topic)).all().get();
      long deadline = System.currentTimeMillis() + 10_000;
      while (admin.listTopics().names().get().contains(topic) && System.currentTimeMillis() < deadline) Thread.sleep(100);
      System.out.println("TOPIC_DELETED " + !admin.listTopics().names().get().contains(topic));
    }
  }

  static String describe(Admin admin, String topic) throws Exception {
    TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    return d.name() + " partitions=" + d.partitions().size() + " leaders=" + d.partitions().stream().map(p -> String.valueOf(p.leader().id())).collect(Collectors.joining(","))
        + " replicas=" + d.partitions().stream().map(p -> String.valueOf(p.replicas().size())).collect(Collectors.joining(",")) + " internal=" + d.isInternal();
  }

  /** The topic configs that are set on the topic itself (not defaults), sorted. */
  static String configs(Admin admin, ConfigResource res) throws Exception {
    Config c = admin.describeConfigs(List.of(res)).all().get().get(res);
    Map<String, String> set = new TreeMap<>();
    for (ConfigEntry e : c.entries()) if (e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) set.put(e.name(), e.value());
    return set.toString().replace(" ", "") + " cleanup.policy=" + c.get("cleanup.policy").value() + " max.message.bytes=" + c.get("max.message.bytes").value();
  }

  static String groups(Admin admin, String group) throws Exception {
    Collection<ConsumerGroupListing> all = admin.listConsumerGroups().all().get();
    return all.stream().filter(g -> g.groupId().equals(group)).map(g -> g.groupId() + ":" + g.groupState().map(Object::toString).orElse("?")).collect(Collectors.joining(","));
  }

  static String offsets(Admin admin, String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    Map<String, Long> sorted = new TreeMap<>();
    m.forEach((tp, o) -> sorted.put(tp.topic() + ":" + tp.partition(), o == null ? -1 : o.offset()));
    return sorted.toString().replace(" ", "");
  }

  static KafkaProducer<String, String> producer(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  static KafkaConsumer<String, String> consumer(String bootstrap, String group) {
    Properties c = new Properties();
    c.put("bootstrap.servers", bootstrap);
    c.put("group.id", group);
    c.put("group.protocol", "classic");
    c.put("enable.auto.commit", "false");
    c.put("key.deserializer", StringDeserializer.class.getName());
    c.put("value.deserializer", StringDeserializer.class.getName());
    return new KafkaConsumer<>(c);
  }
}
