package dev.gatehouse.apps;

import java.util.List;

/** An application or mapping change refused, with every problem found; nothing was saved. */
public class InvalidAppException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidAppException(List<String> problems) {
        super(String.join(" ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
