package io.newswatch.classify.taxonomy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.newswatch.security.Roles;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A changed override directory goes live by itself; an invalid change never does. */
@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.ADMIN)
@TestProfile(ScheduledTaxonomyReloadTest.ScheduledReload.class)
@WithTestResource(KafkaTestResource.class)
class ScheduledTaxonomyReloadTest {

  /** The override directory, checked every second. */
  public static class ScheduledReload implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "newswatch.classify.taxonomy.path",
          TaxonomyDirectory.of("scheduled").toString(),
          "newswatch.classify.taxonomy.reload-interval",
          "1s");
    }
  }

  private final Path directory = TaxonomyDirectory.of("scheduled");

  @Inject TaxonomyService service;

  @Test
  void aChangedDirectoryGoesLiveWithoutRestartOrRequest() {
    TaxonomyDirectory.reset(directory, "scheduled.1");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> given().get("/taxonomy").then().body("version", equalTo("scheduled.1")));
  }

  @Test
  void anInvalidChangeIsRefusedAndTheCurrentTaxonomyStays() {
    TaxonomyDirectory.reset(directory, "scheduled.2");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> service.taxonomy().version().equals("scheduled.2"));

    TaxonomyDirectory.append(directory, TaxonomyLoader.CUES, "broken\tdeadly\tboom", "scheduled.3");

    // What the job runs: whether it or the scheduler sees the change first, it is refused.
    assertThat(service.reloadIfChanged()).isFalse();
    assertThat(service.taxonomy().version()).isEqualTo("scheduled.2");
    given().get("/taxonomy").then().body("version", equalTo("scheduled.2"));
  }
}
