import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints "arrivalMillis TAB value" for every committed record of monitor-events, from the beginning, until no
 * record arrived for the given idle time. Arrival is this consumer's wall clock when the record was read: the
 * record's own timestamp is the event's time (the deadline), not when it was written. Run as a single-file program with local-kafka's classpath:
 * java -cp "$CP" scripts/EventTimes.java 127.0.0.1:9092 30000
 */
public class EventTimes {
    public static void main(String[] args) {
        long idleMillis = Long.parseLong(args[1]);
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ConsumerConfig.GROUP_ID_CONFIG, "event-times-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("monitor-events"));
            long lastRecord = System.currentTimeMillis();
            while (System.currentTimeMillis() - lastRecord < idleMillis) {
                var records = consumer.poll(Duration.ofMillis(100));
                long arrival = System.currentTimeMillis();
                for (var record : records) {
                    System.out.println(arrival + "\t" + record.value());
                    lastRecord = arrival;
                }
                System.out.flush();
            }
        }
    }
}
