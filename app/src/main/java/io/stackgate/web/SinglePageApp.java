package io.stackgate.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * The web UI (ui/, built into the jar's {@code static/}) with history-API fallback: a page address the browser asks
 * for directly ({@code /requests/42}, {@code /inbox?tenant=acme}) gets the UI's index.html, whose router shows that
 * page; the content-hashed bundle under {@code /assets/} is cached for a year. Addresses outside the UI's pages stay
 * 404. The pages are static and hold no data, so they are open to everyone ({@link #PAGES}); what they show comes
 * from the API with the user's token.
 */
@Configuration(proxyBeanMethods = false)
public class SinglePageApp implements WebMvcConfigurer {

    /** The first path segments of the UI's pages (its router's routes). */
    static final Set<String> PAGE_ROOTS = Set.of("requests", "resources", "inbox", "ops", "audit", "dashboards", "settings");

    /** What anyone may GET: the UI's pages and bundle. */
    public static final String[] PAGES = {"/", "/index.html", "/assets/**", "/favicon.svg", "/favicon.ico",
            "/requests", "/requests/**", "/resources", "/resources/**", "/inbox", "/inbox/**", "/ops/**",
            "/audit", "/dashboards", "/settings/**"};

    private static final String INDEX = "index.html";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/**")
                .addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true)
                .addResolver(new PathResourceResolver() {
                    @Override
                    protected Resource getResource(String path, Resource location) throws IOException {
                        Resource file = location.createRelative(path);
                        if (file.exists() && file.isReadable()) {
                            return file;
                        }
                        return isPage(path) ? readable(location.createRelative(INDEX)) : null;
                    }
                });
    }

    /** Whether a path (without its leading slash) is one of the UI's pages rather than a missing file. */
    static boolean isPage(String path) {
        String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        String last = path.substring(path.lastIndexOf('/') + 1);
        return PAGE_ROOTS.contains(first) && !last.contains(".");
    }

    private static Resource readable(Resource resource) {
        return resource.exists() && resource.isReadable() ? resource : null;
    }
}
