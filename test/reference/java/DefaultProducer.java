import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka's Java producer with nothing but serializers set, so Kafka's defaults apply
 * (enable.idempotence=true, acks=all): sends n records with keys k0..k(keys-1), then reads the
 * topic back from the beginning with the Java consumer. Prints SENT partition offset key value
 * per acknowledged record and RECORD partition offset key value per record read, then DONE.
 * Usage: DefaultProducer bootstrap topic n keys
 */
public class DefaultProducer {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0], topic = args[1];
    int n = Integer.parseInt(args[2]), keys = Integer.parseInt(args[3]);

    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      // Sent asynchronously and in flight together, so the broker sees batches with sequences, not one record at a time.
      List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
      for (int i = 0; i < n; i++) acks.add(producer.send(new ProducerRecord<>(topic, "k" + (i % keys), "v" + i)));
      producer.flush();
      for (int i = 0; i < n; i++) {
        RecordMetadata m = acks.get(i).get();
        System.out.println("SENT " + m.partition() + " " + m.offset() + " k" + (i % keys) + " v" + i);
      }
    }

    Properties c = new Properties();
    c.put("bootstrap.servers", bootstrap);
    c.put("key.deserializer", StringDeserializer.class.getName());
    c.put("value.deserializer", StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
      List<TopicPartition> parts = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic)) parts.add(new TopicPartition(topic, info.partition()));
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      int seen = 0;
      long deadline = System.currentTimeMillis() + 30_000;
      // Polls past n as well, briefly, so a duplicate would show up rather than be cut off.
      long quietUntil = Long.MAX_VALUE;
      while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          System.out.println("RECORD " + r.partition() + " " + r.offset() + " " + r.key() + " " + r.value());
          seen++;
        }
        if (seen >= n && quietUntil == Long.MAX_VALUE) quietUntil = System.currentTimeMillis() + 1000;
      }
    }
    System.out.println("DONE");
  }
}
