package org.flam.serve.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * In front of every servlet of the service, two checks whose failures answer in the API's JSON:
 *
 * <ul>
 * <li><b>Methods</b>: GET, HEAD, POST and OPTIONS only; anything else is 405
 * {@code method-not-allowed} with an {@code Allow} header. TRACE in particular, which
 * {@code HttpServlet} would answer by echoing the request's headers, Cookie and Authorization
 * included.</li>
 * <li><b>Host</b>: the {@code Host} header must name this server: an IP address, {@code
 * localhost} (or a name under {@code .localhost}), or one of {@code allowedHosts}. A page on
 * another site whose name an attacker re-points at 127.0.0.1 (DNS rebinding) sends its own
 * name, and gets 403 {@code host-not-allowed} instead of {@code /api/info}'s local paths or a
 * detection. An IP literal cannot be rebound, so IP addresses always pass.</li>
 * </ul>
 */
final class GuardFilter implements Filter {

    static final String ALLOW = "GET, HEAD, POST, OPTIONS";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "OPTIONS");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> allowedHosts;

    /** @param allowedHosts host names besides IP addresses and localhost; case does not matter */
    GuardFilter(String... allowedHosts) {
        this.allowedHosts = Stream.of(allowedHosts).map(String::strip).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        if (!METHODS.contains(req.getMethod())) {
            resp.setHeader("Allow", ALLOW);
            JsonOut.error(resp, new ApiException(405, "method-not-allowed",
                    req.getMethod() + " is not supported here; allowed: " + ALLOW));
            return;
        }
        String host = hostName(req.getHeader("Host"));
        if (host != null && !allowed(host)) {
            JsonOut.error(resp, new ApiException(403, "host-not-allowed", "the Host header names '" + host
                    + "', which is not this server: use its IP address or localhost, or add the name to the "
                    + "serve configuration's allowedHosts"));
            return;
        }
        chain.doFilter(request, response);
    }

    boolean allowed(String host) {
        return host.startsWith("[") || IPV4.matcher(host).matches() || host.equals("localhost")
                || host.endsWith(".localhost") || allowedHosts.contains(host);
    }

    /** The host of a Host header without its port, lower case; null without a header. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    @Override
    public void destroy() {
        // nothing to release
    }
}
