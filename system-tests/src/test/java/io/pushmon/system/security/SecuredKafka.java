package io.pushmon.system.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Utils;

import io.pushmon.common.kafka.KafkaAccess;
import io.pushmon.common.topics.TopicProvisioner;
import io.pushmon.kafka.local.BrokerSettings;

/**
 * A real broker in the test JVM secured as the production cluster is: services reach it only over TLS with a
 * SCRAM-SHA-512 login, and the StandardAuthorizer allows each of them exactly what {@link KafkaAccess} grants,
 * nothing when no ACL matches. The certificate is self-signed for localhost and 127.0.0.1 and written as PEM, the
 * shape of the Strimzi cluster CA file the services mount.
 *
 * <p>Set-up goes through a second, plaintext listener on loopback whose anonymous principal is a super user: the
 * SCRAM users and ACLs must exist before anyone can log in over the secured one. Services are never given it.
 */
final class SecuredKafka implements AutoCloseable {

    private static final String SECURED = "EXTERNAL";
    private static final String SETUP = "SETUP";

    private final KafkaClusterTestKit cluster;
    private final Path directory;
    private final Path caCertificate;
    private final Map<KafkaAccess.Service, String> passwords = new HashMap<>();

    private SecuredKafka(KafkaClusterTestKit cluster, Path directory, Path caCertificate) {
        this.cluster = cluster;
        this.directory = directory;
        this.caCertificate = caCertificate;
    }

    /** Starts the broker, creates pushmon's topics, one SCRAM user per service and its ACLs. */
    static SecuredKafka start(int partitions) {
        try {
            Path directory = Files.createTempDirectory("pushmon-secured-kafka-");
            String storePassword = secret();
            Path keystore = directory.resolve("broker.p12");
            Path certificate = directory.resolve("ca.crt");
            keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                    "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", storePassword);
            keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(),
                    "-storetype", "PKCS12", "-storepass", storePassword, "-file", certificate.toString());

            TestKitNodes nodes = new TestKitNodes.Builder().setBaseDirectory(directory.resolve("data"))
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                    .setBrokerListenerName(new ListenerName(SECURED)).build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            Map<String, String> settings = new HashMap<>(BrokerSettings.singleNode());
            String secured = "listener.name." + SECURED.toLowerCase() + ".";
            settings.put("listeners", SECURED + "://localhost:0," + SETUP + "://localhost:0,CONTROLLER://localhost:0");
            settings.put("listener.security.protocol.map", SECURED + ":SASL_SSL," + SETUP
                    + ":PLAINTEXT,CONTROLLER:PLAINTEXT");
            settings.put("inter.broker.listener.name", SETUP);
            settings.put(secured + "sasl.enabled.mechanisms", "SCRAM-SHA-512");
            settings.put(secured + "scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            settings.put(secured + "ssl.keystore.type", "PKCS12");
            settings.put(secured + "ssl.keystore.location", keystore.toString());
            settings.put(secured + "ssl.keystore.password", storePassword);
            settings.put(secured + "ssl.key.password", storePassword);
            settings.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            settings.put("allow.everyone.if.no.acl.found", "false");
            // The set-up listener and the controller's are plaintext, so their principal is ANONYMOUS.
            settings.put("super.users", "User:ANONYMOUS");
            settings.forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            SecuredKafka kafka = new SecuredKafka(cluster, directory, certificate);
            kafka.provision(partitions);
            return kafka;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the secured Kafka broker", e);
        }
    }

    private void provision(int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, setupBootstrap()))) {
            new TopicProvisioner(partitions, (short) 1).provision(admin, io.pushmon.common.topics.Topic.all());
            List<UserScramCredentialUpsertion> users = new ArrayList<>();
            for (KafkaAccess.Service service : KafkaAccess.Service.values()) {
                String password = secret();
                passwords.put(service, password);
                users.add(new UserScramCredentialUpsertion(service.userName(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password));
                admin.createAcls(service.aclBindings("User:" + service.userName())).all().get(30, TimeUnit.SECONDS);
            }
            admin.alterUserScramCredentials(new ArrayList<>(users)).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The secured listener, the only one services are given. */
    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The plaintext super-user listener; for this test's set-up only. */
    private String setupBootstrap() {
        int port = cluster.brokers().values().iterator().next().boundPort(new ListenerName(SETUP));
        return "localhost:" + port;
    }

    /** The PEM file clients trust the broker's certificate from. */
    Path caCertificate() {
        return caCertificate;
    }

    String password(KafkaAccess.Service service) {
        return passwords.get(service);
    }

    /** The JAAS line a service logs in with; it holds the password. */
    static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String secret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            // The command line holds the store password: name only the step.
            throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
        try {
            Utils.delete(directory.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
