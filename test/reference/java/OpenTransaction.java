import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Holds a transaction open for a test: begins one, sends a record to each of the given
 * partitions, prints OPEN, then on a stdin line "commit" or "abort" ends it accordingly and
 * prints ENDED. Usage: OpenTransaction bootstrap topic transactionalId partitions
 */
public class OpenTransaction {
  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", args[0]);
    p.put("transactional.id", args[2]);
    p.put("transaction.timeout.ms", "60000");
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < Integer.parseInt(args[3]); i++) producer.send(new ProducerRecord<>(args[1], i, "k" + i, "open" + i));
      producer.flush();
      System.out.println("OPEN");
      System.out.flush();
      String line = new BufferedReader(new InputStreamReader(System.in)).readLine();
      if ("commit".equals(line == null ? null : line.trim())) producer.commitTransaction();
      else producer.abortTransaction();
    }
    System.out.println("ENDED");
    System.out.flush();
  }
}
