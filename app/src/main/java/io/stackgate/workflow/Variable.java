package io.stackgate.workflow;

import java.util.List;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable: its name and how to read it, in one place ({@code Variables.REQUEST_ID.get(execution)} instead
 * of {@code (String) execution.getVariable("requestId")} at every use).
 */
public final class Variable<T> {

    private final String name;
    private final Function<Object, T> reader;

    private Variable(String name, Function<Object, T> reader) {
        this.name = name;
        this.reader = reader;
    }

    public static Variable<String> string(String name) {
        return new Variable<>(name, value -> (String) value);
    }

    /** An integer the engine may hand back as Integer or Long. */
    public static Variable<Integer> integer(String name) {
        return new Variable<>(name, value -> value == null ? null : ((Number) value).intValue());
    }

    public static Variable<Boolean> bool(String name) {
        return new Variable<>(name, value -> (Boolean) value);
    }

    /** A list of strings (the engine hands back what was set, any list; its elements are read as strings). */
    public static Variable<List<String>> strings(String name) {
        return new Variable<>(name, value -> value instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : null);
    }

    public static <T> Variable<T> of(String name, Class<T> type) {
        return new Variable<>(name, type::cast);
    }

    public String name() {
        return name;
    }

    /** The value, or null when the scope (or its parents) has none. */
    public T get(VariableScope scope) {
        return reader.apply(scope.getVariable(name));
    }

    public T get(VariableScope scope, T fallback) {
        T value = get(scope);
        return value == null ? fallback : value;
    }

    /** The value in this scope only (a task's or a multi-instance body's local variable). */
    public T getLocal(VariableScope scope) {
        return reader.apply(scope.getVariableLocal(name));
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, value);
    }

    public void setLocal(VariableScope scope, T value) {
        scope.setVariableLocal(name, value);
    }

    @Override
    public String toString() {
        return name;
    }
}
