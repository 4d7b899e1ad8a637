package io.stackgate.processes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.test.mock.Mocks;

/**
 * A fake delegate for process tests: registered under a bean name in {@link Mocks}, it records
 * every call (the variables it saw) and then does what the test asks of the real bean.
 */
final class RecordingDelegate implements JavaDelegate {

  private final JavaDelegate behaviour;
  private final List<Map<String, Object>> calls = Collections.synchronizedList(new ArrayList<>());

  private RecordingDelegate(JavaDelegate behaviour) {
    this.behaviour = behaviour;
  }

  /** Registers a delegate under {@code beanName} that only records its calls. */
  static RecordingDelegate register(String beanName) {
    return register(beanName, execution -> { });
  }

  /** Registers a delegate under {@code beanName} that records its calls and then runs {@code behaviour}. */
  static RecordingDelegate register(String beanName, JavaDelegate behaviour) {
    RecordingDelegate delegate = new RecordingDelegate(behaviour);
    Mocks.register(beanName, delegate);
    return delegate;
  }

  @Override
  public void execute(DelegateExecution execution) throws Exception {
    calls.add(Map.copyOf(withoutNulls(execution.getVariables())));
    behaviour.execute(execution);
  }

  int callCount() {
    return calls.size();
  }

  /** The variables visible to each call (Map.copyOf takes no nulls, so null values are left out), in call order. */
  List<Map<String, Object>> calls() {
    return List.copyOf(calls);
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> variables) {
    Map<String, Object> copy = new HashMap<>(variables);
    copy.values().removeIf(Objects::isNull);
    return copy;
  }
}
