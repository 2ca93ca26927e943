package io.tenure.playbooks.triggers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.tenure.api.engagement.Interaction;
import io.tenure.api.playbook.PlaybookContext;
import io.tenure.api.playbook.Signal;
import io.tenure.playbooks.Settings;

/**
 * Strategic news at the customer (funding, an acquisition, a new initiative) noted in a recent interaction: an
 * executive conversation about what it means for the partnership.
 */
@Component(service = io.tenure.api.playbook.PlaybookTrigger.class, name = ExpansionStrategicNews.PID)
@Designate(ocd = ExpansionStrategicNews.Config.class)
public class ExpansionStrategicNews extends Trigger {
    static final String PID = PID_PREFIX + "expansion_strategic_news";

    @ObjectClassDefinition(name = "Playbook trigger: strategic news")
    public @interface Config {
        @AttributeDefinition(name = "Keywords", description = "Words in an interaction's summary that mark strategic news (case-insensitive).")
        String[] keywords() default { "funding", "raised", "acquisition", "acquired", "new initiative", "ipo", "merger",
                "new market", "new office" };

        @AttributeDefinition(name = "Look back (days)", min = "1", max = "365")
        int lookbackDays() default 30;

        @AttributeDefinition(name = "Expansion in reach (% of ARR)", min = "1", max = "500")
        int valuePercent() default 30;

        @AttributeDefinition(name = "SLA (days)", min = "1", max = "90")
        int slaDays() default 14;
    }

    private volatile Config config;
    private volatile List<String> keywords = List.of();

    public ExpansionStrategicNews() {
        super("expansion_strategic_news", "executive_conversation");
    }

    public ExpansionStrategicNews(Config config) {
        this();
        configure(config);
    }

    @Activate
    @Modified
    void configure(Config c) {
        if (c.keywords().length == 0 || Arrays.stream(c.keywords()).anyMatch(k -> k == null || k.isBlank())) {
            throw new IllegalArgumentException(PID + " keywords " + Arrays.toString(c.keywords()) + ": needs at least one, none blank");
        }
        Settings.range(PID, "lookbackDays", c.lookbackDays(), 1, 365);
        Settings.range(PID, "valuePercent", c.valuePercent(), 1, 500);
        Settings.range(PID, "slaDays", c.slaDays(), 1, 90);
        keywords = Arrays.stream(c.keywords()).map(k -> k.trim().toLowerCase(Locale.ROOT)).toList();
        config = c;
    }

    @Override
    public List<String> steps() {
        return List.of("Learn what the news changes for the customer",
                "Hold an executive conversation about the partnership", "Hand to sales if it opens an expansion");
    }

    @Override
    public String description() {
        return "strategic news (funding, acquisition, new initiative): executive conversation within " + config.slaDays()
                + " days; above the hand-off threshold, to sales";
    }

    @Override
    public List<Signal> evaluate(PlaybookContext context) {
        Config c = config;
        List<Signal> out = new ArrayList<>();
        if (churned(context)) {
            return out;
        }
        for (Interaction i : context.history().interactions()) {
            if (i.summary().isEmpty() || !context.history().inLast(i.date(), c.lookbackDays())) {
                continue;
            }
            String text = i.summary().get().toLowerCase(Locale.ROOT);
            keywords.stream().filter(text::contains).findFirst().ifPresent(k -> out.add(new Signal(i.id(),
                    "Executive conversation: strategic news (" + k + ")", days(c.slaDays()), i.date() + ": " + i.summary().get(),
                    shareOfArr(context.history(), c.valuePercent()))));
        }
        return out;
    }
}
