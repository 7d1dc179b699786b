package minitorch.ui;

/**
 * A request the sandbox cannot answer because of what it asked for (a missing or malformed parameter, an
 * expression that does not parse): the server answers 400 with this message and keeps serving.
 */
public final class BadRequest extends IllegalArgumentException {
    public BadRequest(String message) { super(message); }
}
