package dev.ledgerline.debezium;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.io.BufferedWriter;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Debezium reference capture for Ledgerline's CDC comparisons: Debezium's embedded engine with
 * the Postgres connector (connector settings from a properties file), JSON converter, every event
 * written either as a JSON line {"topic", "key", "value"} to a file or to Kafka (acks=all, one
 * record per event, topic = Debezium's destination). A batch is marked processed only after it is
 * durable in the sink (file flushed / Kafka acknowledged), as our capture acknowledges its slot.
 *
 * usage: ReferenceCapture <connector.properties> jsonl:<file> | kafka:<host:port,...>
 * Prints {"started":true} once the engine runs and {"events":N} after each batch on stdout.
 */
public final class ReferenceCapture {
  private interface Sink extends AutoCloseable {
    void write(String topic, String key, String value) throws IOException;

    void flush() throws IOException;
  }

  private static final class JsonLinesSink implements Sink {
    private final BufferedWriter out;

    JsonLinesSink(Path file) throws IOException {
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public void write(String topic, String key, String value) throws IOException {
      // key and value are JSON texts already (or absent: a null key / tombstone).
      out.write("{\"topic\":\"" + topic + "\",\"key\":" + (key == null ? "null" : key) + ",\"value\":" + (value == null ? "null" : value) + "}\n");
    }

    public void flush() throws IOException {
      out.flush();
    }

    public void close() throws IOException {
      out.close();
    }
  }

  private static final class KafkaSink implements Sink {
    private final KafkaProducer<String, String> producer;

    KafkaSink(String brokers) {
      Properties config = new Properties();
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
      config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      producer = new KafkaProducer<>(config);
    }

    public void write(String topic, String key, String value) {
      producer.send(new ProducerRecord<>(topic, key, value));
    }

    public void flush() {
      // Blocks until every record sent so far is acknowledged (or failed: then send's future
      // holds the error and the next batch's flush rethrows through the producer's state).
      producer.flush();
    }

    public void close() {
      producer.close();
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ReferenceCapture <connector.properties> jsonl:<file> | kafka:<host:port,...>");
      System.exit(2);
    }
    Properties props = new Properties();
    try (InputStream in = new FileInputStream(args[0])) {
      props.load(in);
    }
    Sink sink;
    if (args[1].startsWith("jsonl:")) sink = new JsonLinesSink(Path.of(args[1].substring(6)));
    else if (args[1].startsWith("kafka:")) sink = new KafkaSink(args[1].substring(6));
    else throw new IllegalArgumentException("sink must be jsonl:<file> or kafka:<brokers>, got " + args[1]);

    AtomicLong events = new AtomicLong();
    AtomicBoolean failed = new AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(1);
    DebeziumEngine<ChangeEvent<String, String>> engine = DebeziumEngine.create(Json.class)
        .using(props)
        .notifying((List<ChangeEvent<String, String>> records, DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer) -> {
          try {
            for (ChangeEvent<String, String> record : records) sink.write(record.destination(), record.key(), record.value());
            sink.flush();
          } catch (IOException e) {
            // Unmarked: the engine stops and the offsets stay before this batch (replayed on restart).
            throw new UncheckedIOException(e);
          }
          for (ChangeEvent<String, String> record : records) committer.markProcessed(record);
          committer.markBatchFinished();
          System.out.println("{\"events\":" + events.addAndGet(records.size()) + "}");
        })
        .using(new DebeziumEngine.ConnectorCallback() {
          @Override
          public void taskStarted() {
            System.out.println("{\"started\":true}");
          }
        })
        .using((success, message, error) -> {
          if (!success) {
            failed.set(true);
            System.err.println("debezium engine failed: " + message + (error == null ? "" : " " + error));
          }
          stopped.countDown();
        })
        .build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        engine.close();
        stopped.await();
        sink.close();
      } catch (Exception e) {
        System.err.println("shutdown: " + e);
      }
    }));
    ExecutorService executor = Executors.newSingleThreadExecutor();
    executor.execute(engine);
    stopped.await();
    System.exit(failed.get() ? 1 : 0);
  }
}
