import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Kafka Streams word count with processing.guarantee=exactly_once_v2 (a repartition topic for
 * groupBy, a changelog for the count store, transactions with TxnOffsetCommit, read_committed).
 * Three modes:
 *   run bootstrap appId input output stateDir: the Streams application; prints STATE name on each
 *     state change, and keeps going across broker restarts (a dying stream thread is replaced).
 *   produce bootstrap topic from to pauseMs: lines from..to-1 with the default (idempotent)
 *     producer, line i being the words of line(i), pausing after each; prints PRODUCED n.
 *   counts bootstrap topic: reads the output topic read_committed to its end; prints COUNT word n
 *     for the last count of each word, then RECORDS n (all count records seen), then DONE.
 */
public class WordCount {
  /** The test computes the same words in TypeScript; keep the two in step. */
  static String line(int i) {
    return "w" + (i % 7) + " w" + (i % 11) + " W" + (i % 5);
  }

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "run" -> run(args[1], args[2], args[3], args[4], args[5]);
      case "produce" -> produce(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]));
      case "counts" -> counts(args[1], args[2]);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  static void run(String bootstrap, String appId, String input, String output, String stateDir) throws Exception {
    StreamsBuilder builder = new StreamsBuilder();
    builder.<String, String>stream(input)
        .flatMapValues(v -> Arrays.asList(v.toLowerCase().split("\\s+")))
        .groupBy((k, word) -> word)
        .count()
        .toStream()
        .to(output, Produced.with(Serdes.String(), Serdes.Long()));
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    // Generous: the test kills the broker and it takes a few seconds to come back.
    p.put(StreamsConfig.TASK_TIMEOUT_MS_CONFIG, 120_000);
    p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
    p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1_000);
    p.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), 30_000);
    p.put(StreamsConfig.producerPrefix("delivery.timeout.ms"), 120_000);
    p.put(StreamsConfig.producerPrefix("max.block.ms"), 120_000);
    p.put(StreamsConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
    KafkaStreams streams = new KafkaStreams(builder.build(), p);
    streams.setStateListener((now, before) -> System.out.println("STATE " + now));
    streams.setUncaughtExceptionHandler(e -> {
      System.out.println("THREAD_ERROR " + e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(Duration.ofSeconds(10));
      done.countDown();
    }));
    streams.start();
    done.await();
  }

  static void produce(String bootstrap, String topic, int from, int to, long pauseMs) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.serializer", StringSerializer.class.getName());
    p.put("value.serializer", StringSerializer.class.getName());
    // Long enough to ride out the broker's restart.
    p.put("delivery.timeout.ms", 120_000);
    p.put("max.block.ms", 120_000);
    p.put("reconnect.backoff.max.ms", 1_000);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (int i = from; i < to; i++) {
        producer.send(new ProducerRecord<>(topic, "line" + i, line(i)), (md, e) -> {
          if (e != null) System.out.println("SEND_ERROR " + e);
        });
        if (pauseMs > 0) Thread.sleep(pauseMs);
      }
      producer.flush();
    }
    System.out.println("PRODUCED " + (to - from));
  }

  static void counts(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("isolation.level", "read_committed");
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", LongDeserializer.class.getName());
    Map<String, Long> last = new TreeMap<>();
    int records = 0;
    try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      // read_committed end offsets are the last stable offsets.
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(parts));
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, Long> r : consumer.poll(Duration.ofMillis(500))) {
          Long before = last.put(r.key(), r.value());
          // Each new count of a word is larger than the one before it: a replayed input or a
          // duplicated output would show as a repeated or smaller count.
          if (before != null && r.value() <= before) System.out.println("NOT_INCREASING " + r.key() + " " + before + " " + r.value());
          records++;
        }
      }
    }
    last.forEach((w, n) -> System.out.println("COUNT " + w + " " + n));
    System.out.println("RECORDS " + records);
    System.out.println("DONE");
  }
}
