package dev.quern.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quern.api.Mapper;
import dev.quern.proto.JobSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarLoadersTest {

    @TempDir
    Path cache;

    /** A jar source in memory that counts fetches, and may be told to hand out wrong bytes. */
    private static final class MemorySource implements JarSource {
        final Map<String, byte[]> jars = new HashMap<>();
        final AtomicInteger fetches = new AtomicInteger();
        byte[] lie;

        String add(byte[] jar) {
            String sha = JarHash.of(jar);
            jars.put(sha, jar);
            return sha;
        }

        @Override
        public byte[] fetch(String sha256) throws IOException {
            fetches.incrementAndGet();
            if (lie != null) {
                return lie;
            }
            byte[] jar = jars.get(sha256);
            if (jar == null) {
                throw new JarNotFoundException("no jar " + sha256);
            }
            return jar;
        }
    }

    private static String greeting(ClassLoader loader) throws IOException {
        try (InputStream in = loader.getResourceAsStream("greeting.txt")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void twoJarsWithTheSameNameInsideLoadApartAndShareTheApi() throws Exception {
        MemorySource source = new MemorySource();
        String one = source.add(TestJars.jar(Map.of("greeting.txt", "one")));
        String two = source.add(TestJars.jar(Map.of("greeting.txt", "two")));
        try (JarLoaders loaders = new JarLoaders(source, cache, getClass().getClassLoader(), 4);
                JarLoaders.Lease a = loaders.acquire(one);
                JarLoaders.Lease b = loaders.acquire(two)) {
            assertThat(greeting(a.loader())).isEqualTo("one");
            assertThat(greeting(b.loader())).isEqualTo("two");
            assertThat(a.loader().loadClass(Mapper.class.getName())).isSameAs(Mapper.class);
            assertThat(Files.readAllBytes(cache.resolve(one + ".jar"))).isEqualTo(source.jars.get(one));
        }
    }

    @Test
    void aJarIsFetchedOnceAndItsLoaderSharedWhileHeld() throws Exception {
        MemorySource source = new MemorySource();
        String sha = source.add(TestJars.jar(Map.of("greeting.txt", "hi")));
        try (JarLoaders loaders = new JarLoaders(source, cache, getClass().getClassLoader(), 0)) {
            JarLoaders.Lease first = loaders.acquire(sha);
            JarLoaders.Lease second = loaders.acquire(sha);

            assertThat(second.loader()).isSameAs(first.loader());
            first.close();
            first.close(); // idempotent: must not release the second lease's hold
            assertThat(loaders.openLoaders()).isEqualTo(1);
            second.close();
            assertThat(loaders.openLoaders()).as("no idle loaders kept").isZero();
            assertThat(source.fetches).hasValue(1);
        }
    }

    @Test
    void idleLoadersBeyondTheLimitAreClosedAndTheCachedFileIsReusedWhenIntact() throws Exception {
        MemorySource source = new MemorySource();
        String a = source.add(TestJars.jar(Map.of("greeting.txt", "a")));
        String b = source.add(TestJars.jar(Map.of("greeting.txt", "b")));
        try (JarLoaders loaders = new JarLoaders(source, cache, getClass().getClassLoader(), 1)) {
            ClassLoader firstA;
            try (JarLoaders.Lease lease = loaders.acquire(a)) {
                firstA = lease.loader();
            }
            try (JarLoaders.Lease lease = loaders.acquire(a)) {
                assertThat(lease.loader()).as("kept while idle").isSameAs(firstA);
            }
            loaders.acquire(b).close(); // evicts a's loader
            assertThat(loaders.openLoaders()).isEqualTo(1);

            try (JarLoaders.Lease lease = loaders.acquire(a)) {
                assertThat(lease.loader()).isNotSameAs(firstA);
                assertThat(greeting(lease.loader())).isEqualTo("a");
            }
            assertThat(source.fetches).as("a's file on disk was intact: not fetched again").hasValue(2);
        }
    }

    @Test
    void aCachedFileThatDoesNotMatchItsHashIsFetchedAgain() throws Exception {
        MemorySource source = new MemorySource();
        String sha = source.add(TestJars.jar(Map.of("greeting.txt", "true")));
        Files.write(cache.resolve(sha + ".jar"), TestJars.jar(Map.of("greeting.txt", "tampered")));
        try (JarLoaders loaders = new JarLoaders(source, cache, getClass().getClassLoader(), 1);
                JarLoaders.Lease lease = loaders.acquire(sha)) {
            assertThat(greeting(lease.loader())).isEqualTo("true");
            assertThat(source.fetches).hasValue(1);
        }
    }

    @Test
    void wrongBytesFromTheSourceAreRefusedAndTheNextAcquireTriesAgain() throws Exception {
        MemorySource source = new MemorySource();
        String sha = source.add(TestJars.jar(Map.of("greeting.txt", "real")));
        source.lie = TestJars.jar(Map.of("greeting.txt", "fake"));
        try (JarLoaders loaders = new JarLoaders(source, cache, getClass().getClassLoader(), 1)) {
            assertThatThrownBy(() -> loaders.acquire(sha)).isInstanceOf(IOException.class).hasMessageContaining(sha);
            assertThat(Files.exists(cache.resolve(sha + ".jar"))).isFalse();

            source.lie = null;
            try (JarLoaders.Lease lease = loaders.acquire(sha)) {
                assertThat(greeting(lease.loader())).isEqualTo("real");
            }
        }
    }

    @Test
    void threadsAskingForAJarBeingFetchedWaitForThatFetch() throws Exception {
        MemorySource jars = new MemorySource();
        String sha = jars.add(TestJars.jar(Map.of("greeting.txt", "slow")));
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        JarSource slow = s -> {
            fetching.countDown();
            try {
                proceed.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return jars.fetch(s);
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (JarLoaders loaders = new JarLoaders(slow, cache, getClass().getClassLoader(), 1)) {
            Future<ClassLoader> first = threads.submit(() -> loaders.acquire(sha).loader());
            assertThat(fetching.await(30, TimeUnit.SECONDS)).isTrue();
            Future<ClassLoader> second = threads.submit(() -> loaders.acquire(sha).loader());
            // The second cannot finish before the fetch does: it waits for it instead of fetching again.
            assertThatThrownBy(() -> second.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

            proceed.countDown();

            assertThat(second.get(30, TimeUnit.SECONDS)).isSameAs(first.get(30, TimeUnit.SECONDS));
            assertThat(jars.fetches).hasValue(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aJobWithoutAJarGetsTheDaemonsLoader() throws Exception {
        try (JarLoaders loaders = new JarLoaders(new MemorySource(), cache, getClass().getClassLoader(), 1);
                JarLoaders.Lease lease = loaders.acquire(JobSpec.newBuilder().setName("j").build())) {
            assertThat(lease.loader()).isSameAs(getClass().getClassLoader());
        }
    }

    @Test
    void originNamesTheJar() {
        String sha = "ab".repeat(32);
        assertThat(JarLoaders.origin(JobSpec.newBuilder().setJarSha256(sha).setJarName("x.jar").build()))
                .isEqualTo("job jar x.jar (sha256 abababababab)");
        assertThat(JarLoaders.origin(JobSpec.getDefaultInstance())).isEqualTo("the daemon's classpath");
    }
}
