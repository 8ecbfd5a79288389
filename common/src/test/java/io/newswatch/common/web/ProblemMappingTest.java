package io.newswatch.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProblemMappingTest {

  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();
  private static final ObjectMapper JSON = new ObjectMapper();

  record Channel(@NotBlank String url) {}

  record CreateRequest(
      @NotBlank String name, @Max(10) int interval, List<@Valid Channel> channels) {}

  static class Resource {
    @SuppressWarnings("unused")
    public void create(@Valid CreateRequest request, @Size(max = 3) String sort) {}
  }

  @Test
  void namesTheBodyFieldWithoutMethodAndParameter() throws Exception {
    Set<ConstraintViolation<Resource>> violations =
        validate(new CreateRequest(" ", 5, List.of()), "ok");

    assertThat(violations)
        .singleElement()
        .satisfies(v -> assertThat(ConstraintViolationMapper.fieldOf(v)).isEqualTo("name"));
  }

  @Test
  void namesNestedFieldsWithTheirIndex() throws Exception {
    Set<ConstraintViolation<Resource>> violations =
        validate(new CreateRequest("n", 5, List.of(new Channel("ok"), new Channel(""))), "ok");

    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> assertThat(ConstraintViolationMapper.fieldOf(v)).isEqualTo("channels[1].url"));
  }

  @Test
  void namesAQueryParameterByItsName() throws Exception {
    Set<ConstraintViolation<Resource>> violations =
        validate(new CreateRequest("n", 5, List.of()), "too-long");

    assertThat(violations)
        .singleElement()
        .satisfies(v -> assertThat(ConstraintViolationMapper.fieldOf(v)).isEqualTo("sort"));
  }

  @Test
  void describesAWrongJsonTypeByFieldAndExpectation() {
    Problem problem = problemForBody("{\"name\":\"n\",\"interval\":\"soon\"}");

    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.errors())
        .containsExactly(new Problem.FieldError("interval", "expected a whole number"));
    assertThat(problem.detail()).doesNotContain("soon").doesNotContain("java.");
  }

  @Test
  void describesBrokenJsonByPosition() {
    Problem problem = problemForBody("{\"name\": ");

    assertThat(problem.detail()).startsWith("the request body is not valid JSON at line 1");
    assertThat(problem.errors()).isEmpty();
  }

  @Test
  void problemsCarryTheReasonPhraseAsTitle() {
    assertThat(Problem.of(404, "feed 7 not found", List.of()).title()).isEqualTo("Not Found");
    assertThat(Problem.of(422, "x", List.of()).title()).isEqualTo("HTTP 422");
  }

  private static Problem problemForBody(String body) {
    try {
      JSON.readValue(body, CreateRequest.class);
      throw new AssertionError("expected a JSON error");
    } catch (JsonProcessingException e) {
      return JsonInputMapper.problemFor(e);
    }
  }

  private static Set<ConstraintViolation<Resource>> validate(CreateRequest request, String sort)
      throws NoSuchMethodException {
    Method create = Resource.class.getMethod("create", CreateRequest.class, String.class);
    return VALIDATOR
        .forExecutables()
        .validateParameters(new Resource(), create, new Object[] {request, sort});
  }
}
