// Import a GEXF or GraphML file with the Gephi Toolkit, headless, as Gephi desktop's
// "Open graph file" does (default importer settings, default processor), and print what Gephi
// holds as one JSON object: node and edge counts, edges per kind (Gephi's edge type), the
// import report's issues, the node and edge columns (title: type), and the label and
// attributes (by column title) of the nodes named on the command line.
//
// Usage: java -Djava.awt.headless=true -cp gephi-toolkit-all.jar:. GephiImport FILE [NODE_ID...]
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Node;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

public final class GephiImport {
  private GephiImport() {}

  static String q(Object o) {
    if (o == null) return "null";
    String s = String.valueOf(o);
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: GephiImport FILE [NODE_ID...]");
      System.exit(2);
    }
    ProjectController pc = Lookup.getDefault().lookup(ProjectController.class);
    pc.newProject();
    Workspace workspace = pc.getCurrentWorkspace();
    ImportController importer = Lookup.getDefault().lookup(ImportController.class);
    Container container = importer.importFile(new File(args[0]));
    if (container == null) {
      System.err.println("Gephi could not import " + args[0]);
      System.exit(1);
    }
    List<String> issues = new ArrayList<>();
    for (Issue issue : container.getReport().getIssuesList(100)) {
      issues.add(issue.getLevel() + ": " + issue.getMessage());
    }
    importer.process(container, new DefaultProcessor(), workspace);
    GraphModel model = Lookup.getDefault().lookup(GraphController.class).getGraphModel(workspace);
    Graph graph = model.getGraph();
    Map<String, Integer> kinds = new TreeMap<>();
    int unlabelledEdges = 0;
    double weights = 0;
    for (Edge e : graph.getEdges()) {
      kinds.merge(String.valueOf(model.getEdgeTypeLabel(e.getType())), 1, Integer::sum);
      if (e.getLabel() == null || e.getLabel().isEmpty()) unlabelledEdges++;
      weights += e.getWeight();
    }
    int unlabelledNodes = 0;
    for (Node n : graph.getNodes()) {
      if (n.getLabel() == null || n.getLabel().isEmpty() || n.getLabel().equals(n.getId())) {
        unlabelledNodes++;
      }
    }
    StringBuilder out = new StringBuilder("{");
    out.append("\"nodes\": ").append(graph.getNodeCount());
    out.append(", \"edges\": ").append(graph.getEdgeCount());
    out.append(", \"directed\": ").append(model.isDirected());
    out.append(", \"unlabelled_nodes\": ").append(unlabelledNodes);
    out.append(", \"unlabelled_edges\": ").append(unlabelledEdges);
    out.append(", \"total_weight\": ").append(weights);
    out.append(", \"kinds\": {");
    String sep = "";
    for (Map.Entry<String, Integer> k : kinds.entrySet()) {
      out.append(sep).append(q(k.getKey())).append(": ").append(k.getValue());
      sep = ", ";
    }
    out.append("}, \"issues\": [");
    sep = "";
    for (String s : issues) {
      out.append(sep).append(q(s));
      sep = ", ";
    }
    out.append("], \"node_columns\": {");
    sep = "";
    for (Column c : model.getNodeTable()) {
      out.append(sep).append(q(c.getTitle())).append(": ").append(q(c.getTypeClass().getSimpleName()));
      sep = ", ";
    }
    out.append("}, \"edge_columns\": {");
    sep = "";
    for (Column c : model.getEdgeTable()) {
      out.append(sep).append(q(c.getTitle())).append(": ").append(q(c.getTypeClass().getSimpleName()));
      sep = ", ";
    }
    out.append("}, \"sample\": {");
    sep = "";
    for (int i = 1; i < args.length; i++) {
      Node n = graph.getNode(args[i]);
      out.append(sep).append(q(args[i])).append(": ");
      sep = ", ";
      if (n == null) {
        out.append("null");
        continue;
      }
      out.append("{\"label\": ").append(q(n.getLabel()));
      for (Column c : model.getNodeTable()) {
        if (c.isProperty()) continue;
        Object v = n.getAttribute(c);
        out.append(", ").append(q(c.getTitle())).append(": ");
        out.append(v instanceof Number || v instanceof Boolean ? String.valueOf(v) : q(v));
      }
      out.append("}");
    }
    out.append("}}");
    System.out.println(out);
    System.exit(0);
  }
}
