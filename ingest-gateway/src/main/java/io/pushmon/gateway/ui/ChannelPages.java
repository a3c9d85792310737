package io.pushmon.gateway.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.pushmon.common.channels.ChannelKind;
import io.pushmon.common.channels.ChannelSettings;
import io.pushmon.common.channels.SettingSpec;
import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.gateway.channels.ChannelService;
import io.pushmon.gateway.monitors.MonitorService;
import io.pushmon.gateway.tenants.CallerTenant;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/** Notification channels: the list with a create form, and one channel's edit form, test and deliveries. */
@Path("/app/channels")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ChannelPages {

    /** Monitors whose deliveries a channel page reads, at most: each is one read from the dispatcher. */
    static final int DELIVERY_MONITORS = 20;

    /** A kind of channel and the settings its form asks for. */
    public record Kind(String type, boolean signed, List<SettingSpec> settings) {
    }

    /** A channel in the list. */
    public record Row(String id, String name, String type, Map<String, String> settings, int monitors) {
    }

    /** A delivery on a channel's page, with the monitor it was for. */
    public record ChannelDelivery(String monitorId, String monitorName, MonitorPageModel.Delivery delivery) {
    }

    /** One channel's page. A null delivery list: the dispatcher could not answer. */
    public record Detail(Row channel, Kind kind, List<ChannelDelivery> deliveries) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance channels(Shell shell, List<Row> channels, List<Kind> kinds);

        static native TemplateInstance channel(Shell shell, Detail detail);
    }

    @Inject
    CallerTenant caller;

    @Inject
    Shells shells;

    @Inject
    ChannelService channels;

    @Inject
    MonitorService monitors;

    @Inject
    MonitorPageModel monitorPages;

    @GET
    public TemplateInstance list() {
        List<MonitorDefinition> all = monitors.list(caller.tenantId());
        List<Row> rows = channels.list(caller.tenantId()).stream().map(c -> row(c, all)).toList();
        return Templates.channels(shells.of("channels", "Channels"), rows, kinds());
    }

    @GET
    @Path("{id}")
    public TemplateInstance channel(@PathParam("id") String id) {
        ChannelDefinition channel = channels.get(caller.tenantId(), id);
        List<MonitorDefinition> all = monitors.list(caller.tenantId());
        List<MonitorDefinition> using = all.stream().filter(m -> m.channelIds().contains(id))
                .limit(DELIVERY_MONITORS).toList();
        List<ChannelDelivery> deliveries = new ArrayList<>();
        boolean answered = true;
        for (MonitorDefinition monitor : using) {
            List<MonitorPageModel.Delivery> ofMonitor = monitorPages.deliveries(monitor.id());
            if (ofMonitor == null) {
                answered = false;
                break;
            }
            ofMonitor.stream().filter(d -> id.equals(d.channelId()))
                    .forEach(d -> deliveries.add(new ChannelDelivery(monitor.id(), monitor.name(), d)));
        }
        deliveries.sort(Comparator.comparing((ChannelDelivery d) -> d.delivery().at(),
                Comparator.nullsLast(Comparator.reverseOrder())));
        Kind kind = kinds().stream().filter(k -> k.type().equals(channel.type())).findFirst()
                .orElse(new Kind(channel.type(), false, List.of()));
        return Templates.channel(shells.of("channels", channel.name()),
                new Detail(row(channel, all), kind, answered ? deliveries : null));
    }

    private static Row row(ChannelDefinition channel, List<MonitorDefinition> all) {
        int using = (int) all.stream().filter(m -> m.channelIds().contains(channel.id())).count();
        return new Row(channel.id(), channel.name(), channel.type(),
                ChannelSettings.masked(channel.type(), channel.settings()), using);
    }

    private static List<Kind> kinds() {
        return Arrays.stream(ChannelKind.values()).map(k -> new Kind(k.wireName(), k.signed(), k.settings())).toList();
    }
}
