package minitorch.ui;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of one request, read with the checks every page needs: each getter names the parameter
 * and the offending value in the {@link BadRequest} it throws.
 */
public final class Query {
    private final Map<String, String> values;

    public Query(Map<String, String> values) { this.values = Map.copyOf(values); }

    /** The query string of {@code uri}, decoded; a repeated name keeps its last value. */
    public static Query of(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                values.put(decode(key), decode(value));
            }
        }
        return new Query(values);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("malformed URL encoding in '" + s + "'");
        }
    }

    public boolean has(String name) { return values.containsKey(name) && !values.get(name).isBlank(); }

    public String string(String name, String fallback) { return has(name) ? values.get(name).strip() : fallback; }

    /** A required text parameter; blank counts as missing. */
    public String string(String name) {
        if (!has(name)) {
            throw new BadRequest("missing parameter '" + name + "'");
        }
        return values.get(name).strip();
    }

    public int integer(String name, int fallback, int min, int max) {
        if (!has(name)) {
            return fallback;
        }
        String raw = values.get(name).strip();
        int v;
        try {
            v = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number, got '" + raw + "'");
        }
        if (v < min || v > max) {
            throw new BadRequest(name + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    public double number(String name, double fallback) {
        if (!has(name)) {
            return fallback;
        }
        String raw = values.get(name).strip();
        try {
            double v = Double.parseDouble(raw);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequest(name + " must be a finite number, got '" + raw + "'");
    }

    /** A list of whole numbers written with commas, brackets or parentheses optional: "2, 2, 2" or "(2,2,2)". */
    public int[] integers(String name, String fallback) {
        String raw = string(name, fallback).replaceAll("[\\[\\]()\\s]", "");
        if (raw.isEmpty()) {
            return new int[0];
        }
        try {
            return Arrays.stream(raw.split(",", -1)).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be whole numbers separated by commas, got '" + string(name, fallback) + "'");
        }
    }

    /** A list of numbers written with commas, brackets optional. */
    public double[] numbers(String name, String fallback) {
        String raw = string(name, fallback).replaceAll("[\\[\\]()\\s]", "");
        if (raw.isEmpty()) {
            return new double[0];
        }
        try {
            return Arrays.stream(raw.split(",", -1)).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be numbers separated by commas, got '" + string(name, fallback) + "'");
        }
    }
}
