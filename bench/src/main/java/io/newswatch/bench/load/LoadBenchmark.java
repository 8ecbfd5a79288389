package io.newswatch.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newswatch.events.EventJson;
import io.newswatch.events.Topics;
import io.newswatch.stack.LocalStack;
import io.newswatch.stack.PostgresServer;
import io.newswatch.stack.Service;
import io.newswatch.stack.ServiceProcess;
import io.newswatch.taxonomy.Taxonomy;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Load benchmark of the whole pipeline on the local stack: a real Kafka broker (in this JVM), a
 * real PostgreSQL, and the three packaged services as separate processes; 10,000 subscriptions of
 * 100 officers ({@link LoadWorkload}); a generator that pushes news items into {@code
 * newswatch.items.raw} at rising rates. For each rate it prints the sustained throughput (items
 * through alert-service per second while the step lasts), the latency from the send to the raw
 * topic to the item's first alert event (p50, p99), how long the backlog took to drain, and the CPU
 * (cores) and memory of every process. The rates stop rising once a step is not sustained.
 *
 * <p>Run after {@code ./mvnw -B package -DskipTests}, from the project root: {@code java -cp
 * bench/target/newswatch-bench.jar io.newswatch.bench.load.LoadBenchmark [--rates
 * 50,100,200,500,1000,2000,3000] [--step-seconds 20] [--subscriptions 10000] [--officers 100]
 * [--regional 0.3] [--classify 1] [--alert 1] [--warm-up-rate 100] [--warm-up-seconds 120]
 * [--all-rates] [--items article|summary|title] [--env NAME=VALUE]... [--root DIR]}. {@code
 * --all-rates} goes on after a step that was not sustained; {@code --items} says what an item
 * carries (see {@link LoadWorkload.Shape}): 1.5 KB articles by default, a headline with a summary
 * as most RSS feeds send, or a short headline only. It stops everything it started when done;
 * service logs are in {@code target/bench-logs/load/}.
 */
public final class LoadBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(3);
  private static final String OFFICER_PASSWORD = "load-officer-password";

  private LoadBenchmark() {}

  /** The figures of one step. */
  private record Step(
      int rate,
      int sent,
      double sendSeconds,
      double sustained,
      double classified,
      double drainSeconds,
      AlertObserver.Observed observed,
      Map<String, Double> cores,
      Map<String, Double> kafkaShares,
      Map<String, Long> memoryMb,
      String loadAverage) {

    boolean keptUp() {
      return sustained >= 0.9 * rate && drainSeconds < 5;
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path root = options.root();
    for (Service service : Service.values()) {
      Path runner = root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
      if (!Files.isRegularFile(runner)) {
        throw new IllegalStateException(
            service.module() + " is not packaged at " + runner + ": run ./mvnw -B package");
      }
    }
    int perOfficer = (options.subscriptions() + options.officers() - 1) / options.officers();
    LocalStack.Builder builder =
        LocalStack.builder(root)
            .logDirectory(root.resolve("target/bench-logs/load"))
            .port(Service.INGEST, 0)
            .port(Service.CLASSIFY, 0)
            .port(Service.ALERT, 0)
            .instances(Service.CLASSIFY, options.classifyInstances())
            .instances(Service.ALERT, options.alertInstances())
            // No feeds: the generator is the only source of items.
            .environment("NEWSWATCH_INGEST_SCHEDULER_ENABLED", "false")
            .environment("NEWSWATCH_ALERT_MAX_SUBSCRIPTIONS_PER_USER", Integer.toString(perOfficer))
            .progress(message -> System.out.println("[stack] " + message))
            // Ctrl-C or SIGTERM, even while starting: services stop gracefully, nothing is left.
            .onCreated(
                stack ->
                    Runtime.getRuntime()
                        .addShutdownHook(new Thread(stack::close, "newswatch-bench-stop")));
    options.environment().forEach(builder::environment);
    try (LocalStack stack = builder.start()) {
      new LoadBenchmark.Run(stack, options, perOfficer).run();
    }
  }

  /** One benchmark run against a started stack. */
  private static final class Run {
    private final LocalStack stack;
    private final Options options;
    private final int perOfficer;
    private final String kafka;
    private final List<ProcessStats> processes = new ArrayList<>();
    private final ProcessStats self = ProcessStats.of("kafka+bench", ProcessHandle.current().pid());

    Run(LocalStack stack, Options options, int perOfficer) {
      this.stack = stack;
      this.options = options;
      this.perOfficer = perOfficer;
      this.kafka = stack.infrastructure().kafka().bootstrapServers();
      for (Service service : List.of(Service.INGEST, Service.CLASSIFY, Service.ALERT)) {
        for (ServiceProcess instance : stack.instances(service)) {
          processes.add(ProcessStats.of(instance.name(), instance.pid()));
        }
      }
      processes.add(ProcessStats.tree("postgresql", stack.infrastructure().postgres().pid()));
      processes.add(self);
    }

    void run() throws Exception {
      Taxonomy taxonomy = TaxonomyLoader.loadDefault();
      LoadWorkload workload =
          new LoadWorkload(taxonomy, options.regionalShare(), options.shape(), 42);
      createSubscriptions(workload);
      Map<String, Object> producerConfig = new LinkedHashMap<>();
      producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
      producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
      producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      // As ingest-service, which sends a poll's new items together, the generator sends what 20 ms
      // brought in one batch, not one or two items a request (an item every millisecond): fewer
      // requests and appends for the broker. The 20 ms count in the latency reported.
      producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 20);
      List<Step> steps = new ArrayList<>();
      try (AlertObserver observer = new AlertObserver(kafka);
          KafkaProducer<String, String> producer =
              new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
        // Long enough for the JIT compilers to finish with the hot paths of every service: a short
        // warm-up leaves the first steps measuring compilation, not the pipeline (after 40 s at
        // 100 items/s, compiler threads still took half of classify-service's CPU).
        System.out.printf(
            Locale.ROOT,
            "%nitems: %s, %,d bytes of JSON on average%n",
            options.shape().name().toLowerCase(Locale.ROOT),
            // A generator of its own: the measured steps send the same items as without it.
            new LoadWorkload(taxonomy, options.regionalShare(), options.shape(), 7)
                .averageBytes(200));
        System.out.printf(
            "warm-up: %d items/s for %d s (not reported)%n",
            options.warmUpRate(), options.warmUpSeconds());
        step(0, options.warmUpRate(), options.warmUpSeconds(), workload, producer, observer);
        printHeader();
        int number = 1;
        for (int rate : options.rates()) {
          Step step = step(number++, rate, options.stepSeconds(), workload, producer, observer);
          steps.add(step);
          printRow(step);
          if (!step.keptUp() && !options.allRates()) {
            System.out.println("  (not sustained: higher rates are not tried)");
            break;
          }
        }
      }
      printSummary(steps);
      printStories();
      printTargets(steps);
    }

    /**
     * How many stories the items made: alert-service joins copies of one story, so a workload whose
     * items it takes for copies would measure something else than a news firehose.
     */
    private void printStories() throws SQLException {
      try (Connection db =
              DriverManager.getConnection(
                  stack.infrastructure().postgres().jdbcUrl(Service.ALERT.database()),
                  PostgresServer.USER,
                  "");
          Statement statement = db.createStatement();
          ResultSet row =
              statement.executeQuery(
                  "SELECT count(*), count(DISTINCT story_id) FROM received_item")) {
        row.next();
        System.out.printf(
            Locale.ROOT,
            "%nalert-service received %,d items in %,d stories%n",
            row.getLong(1),
            row.getLong(2));
      }
    }

    /** The figures the issue sets targets for, on a 2-core machine. */
    private void printTargets(List<Step> steps) {
      System.out.println();
      Step best = null;
      for (Step step : steps) {
        if (step.keptUp() && (best == null || step.sustained() > best.sustained())) {
          best = step;
        }
      }
      double highest = steps.stream().mapToDouble(Step::sustained).max().orElse(0);
      System.out.printf(
          Locale.ROOT,
          "sustained throughput: %s; highest measured %.0f items/s (target: at least 2,000)%n",
          best == null
              ? "no step kept up"
              : String.format(
                  Locale.ROOT, "%.0f items/s (step of %d items/s)", best.sustained(), best.rate()),
          highest);
      for (Step step : steps) {
        if (step.rate() == 200) {
          System.out.printf(
              Locale.ROOT,
              "p99 latency at 200 items/s: %s ms (target: at most 500 ms)%s%n",
              percentile(step.observed().toEventMillis(), 0.99),
              step.keptUp() ? "" : "; that step was not sustained");
        }
      }
      System.out.printf(
          Locale.ROOT,
          "machine: %d cores; load average now %s%n",
          Runtime.getRuntime().availableProcessors(),
          loadAverage());
    }

    private void createSubscriptions(LoadWorkload workload) throws Exception {
      URI alert = stack.service(Service.ALERT).baseUri();
      String admin = basic(stack.admin().username(), stack.admin().password());
      long start = System.nanoTime();
      List<String> queries = workload.queries(options.subscriptions() * 2);
      AtomicInteger nextQuery = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> officers = new ArrayList<>();
        for (int o = 0; o < options.officers(); o++) {
          String username = String.format("officer-%03d", o + 1);
          int count = Math.min(perOfficer, options.subscriptions() - o * perOfficer);
          if (count <= 0) {
            break;
          }
          officers.add(
              pool.submit(
                  () -> {
                    post(
                        alert.resolve("/users"),
                        admin,
                        Map.of(
                            "username", username, "password", OFFICER_PASSWORD, "role", "officer"),
                        201);
                    String officer = basic(username, OFFICER_PASSWORD);
                    int created = 0;
                    while (created < count) {
                      String query = queries.get(nextQuery.getAndIncrement());
                      int status =
                          post(
                              alert.resolve("/subscriptions"),
                              officer,
                              Map.of("name", "load " + created, "query", query),
                              0);
                      if (status == 201) {
                        created++;
                      } else if (status == 400) {
                        refused.incrementAndGet();
                      } else {
                        throw new IllegalStateException(
                            "POST /subscriptions answered " + status + " for " + query);
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> officer : officers) {
          officer.get();
        }
      } finally {
        pool.shutdownNow();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%n%,d subscriptions of %d officers created over REST in %.1f s (%.0f/s);"
              + " %d generated queries refused as invalid%n",
          options.subscriptions(),
          options.officers(),
          seconds,
          options.subscriptions() / seconds,
          refused.get());
      for (ServiceProcess instance : stack.instances(Service.ALERT)) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (indexedSubscriptions(instance) < options.subscriptions()) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(instance.name() + " did not index every subscription");
          }
          Thread.sleep(200);
        }
      }
    }

    /** An item made ahead, its times to be stamped in when it is sent. */
    private record Payload(String id, String json) {
      /** When the item was published and fetched, as it appears in the JSON made ahead. */
      static final Instant TIME = Instant.parse("2000-01-01T00:00:00.123456789Z");

      static final String STAMP = '"' + TIME.toString() + '"';
    }

    private static List<Payload> payloads(LoadWorkload workload, int count) {
      List<Payload> payloads = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String json = EventJson.writeString(workload.item(id, i, Payload.TIME));
        if (!json.contains(Payload.STAMP)) {
          throw new IllegalStateException("the item's times are not written as " + Payload.STAMP);
        }
        payloads.add(new Payload(id, json));
      }
      return payloads;
    }

    private Step step(
        int number,
        int rate,
        int seconds,
        LoadWorkload workload,
        KafkaProducer<String, String> producer,
        AlertObserver observer)
        throws Exception {
      int total = rate * seconds;
      // Made before the send window, so that their making is not counted against the system
      // (generator and services share the machine); the send only stamps the current time in.
      List<Payload> payloads = payloads(workload, total);
      long alertBefore = counter(Service.ALERT, "newswatch_alert_match_duration_seconds_count");
      long classifyBefore = counter(Service.CLASSIFY, "newswatch_classify_duration_seconds_count");
      Map<String, Double> cpuBefore = new LinkedHashMap<>();
      processes.forEach(p -> cpuBefore.put(p.name(), p.cpuSeconds()));
      Map<String, Double> sharesBefore = ThreadShares.cpuSeconds(self.cpuSeconds());
      AtomicLong failed = new AtomicLong();
      long start = System.nanoTime();
      int sent = 0;
      while (sent < total) {
        long elapsed = System.nanoTime() - start;
        int due = (int) Math.min(total, rate * elapsed / 1_000_000_000L + 1);
        while (sent < due) {
          Payload payload = payloads.get(sent);
          payloads.set(sent, null);
          String json = payload.json().replace(Payload.STAMP, '"' + Instant.now().toString() + '"');
          observer.sending(payload.id(), number);
          producer.send(
              new ProducerRecord<>(Topics.RAW_ITEMS, payload.id(), json),
              (metadata, e) -> {
                if (e != null) {
                  failed.incrementAndGet();
                }
              });
          sent++;
        }
        LockSupport.parkNanos(1_000_000);
      }
      producer.flush();
      long sendEnd = System.nanoTime();
      double sendSeconds = (sendEnd - start) / 1e9;
      // The step's window is the send time: what the services did meanwhile is what they sustain.
      long alertProcessed =
          counter(Service.ALERT, "newswatch_alert_match_duration_seconds_count") - alertBefore;
      long classifyProcessed =
          counter(Service.CLASSIFY, "newswatch_classify_duration_seconds_count") - classifyBefore;
      Map<String, Double> cores = new LinkedHashMap<>();
      Map<String, Long> memory = new LinkedHashMap<>();
      for (ProcessStats process : processes) {
        cores.put(
            process.name(), (process.cpuSeconds() - cpuBefore.get(process.name())) / sendSeconds);
        memory.put(process.name(), process.memoryMb());
      }
      Map<String, Double> shares = new LinkedHashMap<>();
      ThreadShares.cpuSeconds(self.cpuSeconds())
          .forEach(
              (share, used) ->
                  shares.put(share, (used - sharesBefore.getOrDefault(share, 0.0)) / sendSeconds));
      String load = loadAverage();
      long deadline = sendEnd + DRAIN_LIMIT.toNanos();
      while (counter(Service.ALERT, "newswatch_alert_match_duration_seconds_count") - alertBefore
          < total) {
        if (System.nanoTime() > deadline) {
          System.out.printf("  (step %d not drained after %s)%n", number, DRAIN_LIMIT);
          break;
        }
        Thread.sleep(100);
      }
      double drain = (System.nanoTime() - sendEnd) / 1e9;
      // The last alert events are published right after their commit.
      Thread.sleep(1500);
      if (failed.get() > 0) {
        System.out.printf("  (%d sends failed)%n", failed.get());
      }
      return new Step(
          rate,
          total,
          sendSeconds,
          alertProcessed / sendSeconds,
          classifyProcessed / sendSeconds,
          drain,
          observer.observed(number),
          cores,
          shares,
          memory,
          load);
    }

    private void printHeader() {
      System.out.println();
      System.out.println(
          "offered  sent/s  classified/s  sustained/s  drain s  alerts/s  items alerted"
              + "  p50 ms  p99 ms  max ms  p99 createdAt ms  load");
    }

    private void printRow(Step step) {
      AlertObserver.Observed seen = step.observed();
      System.out.printf(
          Locale.ROOT,
          "%7d  %6.0f  %12.0f  %11.0f  %7.1f  %8.0f  %13d  %6s  %6s  %6s  %16s  %s%n",
          step.rate(),
          step.sent() / step.sendSeconds(),
          step.classified(),
          step.sustained(),
          step.drainSeconds(),
          seen.alerts() / step.sendSeconds(),
          seen.itemsAlerted(),
          percentile(seen.toEventMillis(), 0.50),
          percentile(seen.toEventMillis(), 0.99),
          percentile(seen.toEventMillis(), 1.0),
          percentile(seen.toCreatedMillis(), 0.99),
          step.loadAverage());
    }

    private void printSummary(List<Step> steps) {
      System.out.println();
      System.out.println("CPU in cores (average over each step's send window) and memory in MB");
      StringBuilder header = new StringBuilder(String.format("%7s", "offered"));
      for (ProcessStats process : processes) {
        header.append(String.format("  %22s", process.name()));
      }
      System.out.println(header);
      for (Step step : steps) {
        StringBuilder row = new StringBuilder(String.format("%7d", step.rate()));
        for (ProcessStats process : processes) {
          row.append(
              String.format(
                  Locale.ROOT,
                  "  %9.2f cores %5d MB",
                  step.cores().get(process.name()),
                  step.memoryMb().get(process.name())));
        }
        System.out.println(row);
      }
      StringBuilder peak = new StringBuilder(String.format("%7s", "peak"));
      for (ProcessStats process : processes) {
        peak.append(String.format("  %16d MB RSS", process.peakRssMb()));
      }
      System.out.println(peak);
      for (Step step : steps) {
        if (!step.kafkaShares().isEmpty()) {
          StringBuilder split = new StringBuilder(String.format("%7d  kafka+bench:", step.rate()));
          step.kafkaShares()
              .forEach(
                  (share, cores) ->
                      split.append(String.format(Locale.ROOT, " %s %.2f,", share, cores)));
          split.setLength(split.length() - 1);
          System.out.println(split.append(" cores"));
        }
      }
      System.out.println(
          "(postgresql: all its processes, proportional set size; kafka+bench: the broker, the"
              + " generator and the observer share this JVM, split by thread below; peak RSS of"
              + " postgresql is the postmaster's)");
    }

    private long counter(Service service, String metric) throws IOException, InterruptedException {
      long sum = 0;
      for (ServiceProcess instance : stack.instances(service)) {
        if (!instance.isAlive()) {
          continue;
        }
        HttpRequest request =
            HttpRequest.newBuilder(instance.baseUri().resolve("/q/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build();
        String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        for (String line : body.split("\n")) {
          if (line.startsWith(metric + " ") || line.startsWith(metric + "{")) {
            sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          }
        }
      }
      return sum;
    }

    private long indexedSubscriptions(ServiceProcess instance) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(instance.baseUri().resolve("/q/health/ready"))
              .timeout(Duration.ofSeconds(10))
              .build();
      JsonNode health =
          JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
      for (JsonNode check : health.path("checks")) {
        if (check.path("name").asText().equals("Subscription index")) {
          return check.path("data").path("subscriptions").asLong();
        }
      }
      return 0;
    }
  }

  /** The 1-minute load average (Linux), which shows whether something else used the cores. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String percentile(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return "-";
    }
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return Long.toString(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
  }

  /** Posts JSON; returns the status, or throws when {@code expected} is not 0 and differs. */
  private static int post(URI uri, String authorization, Map<String, String> body, int expected)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (expected != 0 && response.statusCode() != expected) {
      throw new IllegalStateException(
          "POST " + uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.statusCode();
  }

  private static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Command-line options. */
  private record Options(
      Path root,
      List<Integer> rates,
      boolean allRates,
      int stepSeconds,
      int warmUpRate,
      int warmUpSeconds,
      int subscriptions,
      int officers,
      double regionalShare,
      LoadWorkload.Shape shape,
      int classifyInstances,
      int alertInstances,
      Map<String, String> environment) {

    static Options parse(String[] args) {
      Map<String, String> values = new LinkedHashMap<>();
      Map<String, String> environment = new LinkedHashMap<>();
      boolean all = false;
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--all-rates")) {
          all = true;
        } else if (args[i].equals("--env") && i + 1 < args.length) {
          String[] pair = args[++i].split("=", 2);
          environment.put(pair[0], pair.length > 1 ? pair[1] : "");
        } else if (args[i].startsWith("--") && i + 1 < args.length) {
          values.put(args[i], args[++i]);
        } else {
          throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      List<Integer> rates = new ArrayList<>();
      for (String rate :
          values.getOrDefault("--rates", "50,100,200,500,1000,2000,3000").split(",")) {
        rates.add(Integer.parseInt(rate.strip()));
      }
      return new Options(
          Path.of(values.getOrDefault("--root", ".")).toAbsolutePath().normalize(),
          rates,
          all,
          Integer.parseInt(values.getOrDefault("--step-seconds", "20")),
          Integer.parseInt(values.getOrDefault("--warm-up-rate", "100")),
          Integer.parseInt(values.getOrDefault("--warm-up-seconds", "120")),
          Integer.parseInt(values.getOrDefault("--subscriptions", "10000")),
          Integer.parseInt(values.getOrDefault("--officers", "100")),
          Double.parseDouble(values.getOrDefault("--regional", "0.3")),
          LoadWorkload.Shape.named(values.getOrDefault("--items", "article")),
          Integer.parseInt(values.getOrDefault("--classify", "1")),
          Integer.parseInt(values.getOrDefault("--alert", "1")),
          environment);
    }
  }
}
