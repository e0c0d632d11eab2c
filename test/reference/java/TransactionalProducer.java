import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A transactional Java producer: commits c0..c4, aborts a0..a4, commits c5..c9; then a second
 * producer with the same transactional.id fences the first in the middle of its open transaction
 * (f0..f2 sent, never committed). Then reads the topic back with a read_committed and a
 * read_uncommitted Java consumer. Prints FENCED exceptionClass, then
 * COMMITTED value... and UNCOMMITTED value... (in offset order per partition, partitions in order), then DONE.
 * Usage: TransactionalProducer bootstrap topic transactionalId
 */
public class TransactionalProducer {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0], topic = args[1], txnId = args[2];
    KafkaProducer<String, String> first = producer(bootstrap, txnId);
    first.initTransactions();
    send(first, topic, "c", 0, 5, true);
    send(first, topic, "a", 0, 5, false);
    send(first, topic, "c", 5, 10, true);

    first.beginTransaction();
    for (int i = 0; i < 3; i++) first.send(new ProducerRecord<>(topic, "k" + i, "f" + i));
    first.flush();
    try (KafkaProducer<String, String> second = producer(bootstrap, txnId)) {
      // Bumps the epoch, which aborts the first producer's open transaction.
      second.initTransactions();
      try {
        // EndTxn with the old epoch: the coordinator answers PRODUCER_FENCED.
        first.commitTransaction();
        System.out.println("FENCED none");
      } catch (Exception e) {
        Throwable t = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        System.out.println("FENCED " + t.getClass().getSimpleName());
      }
      send(second, topic, "s", 0, 2, true);
    }
    first.close(Duration.ofSeconds(5));

    System.out.println("COMMITTED " + String.join(" ", read(bootstrap, topic, "read_committed")));
    System.out.println("UNCOMMITTED " + String.join(" ", read(bootstrap, topic, "read_uncommitted")));
    System.out.println("DONE");
  }

  static KafkaProducer<String, String> producer(String bootstrap, String txnId) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("transactional.id", txnId);
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  static void send(KafkaProducer<String, String> producer, String topic, String prefix, int from, int to, boolean commit) {
    producer.beginTransaction();
    for (int i = from; i < to; i++) producer.send(new ProducerRecord<>(topic, "k" + i, prefix + i));
    if (commit) producer.commitTransaction();
    else {
      producer.flush();
      producer.abortTransaction();
    }
  }

  /** Every record a consumer with that isolation level sees, until it has been quiet for a second. */
  static List<String> read(String bootstrap, String topic, String isolation) {
    Properties c = new Properties();
    c.put("bootstrap.servers", bootstrap);
    c.put("isolation.level", isolation);
    c.put("key.deserializer", StringDeserializer.class.getName());
    c.put("value.deserializer", StringDeserializer.class.getName());
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
      List<TopicPartition> parts = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic)) parts.add(new TopicPartition(topic, info.partition()));
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long quietUntil = System.currentTimeMillis() + 3000;
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < Math.min(quietUntil, deadline)) {
        var records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<String, String> r : records) values.add(r.value());
        if (!records.isEmpty()) quietUntil = System.currentTimeMillis() + 1000;
      }
    }
    return values;
  }
}
