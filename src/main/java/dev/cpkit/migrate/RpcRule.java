// SPDX-License-Identifier: BSD-2-Clause
package dev.cpkit.migrate;

import dev.cpkit.camkes.CamkesModel;
import dev.cpkit.system.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Procedures ({@code seL4RPCCall} and its relatives): one channel per client, {@code pp} on the
 * server (sel4cp) or on the client's end (Microkit); client stubs marshal the method number as
 * the label and arguments into message registers; the server's {@code protected()} dispatches.
 * The variants add a shared buffer per client ({@code <iface>_buf}, the RPCDataport family and
 * the server connectors) and server-to-client signals on the same channel.
 */
final class RpcRule implements ConnectionRule {
  /** How a family of procedure connectors differs from plain seL4RPCCall. */
  record Variant(boolean dataport, boolean signal, Kind kind, String note) {}

  private final Variant v;

  RpcRule(Variant v) {
    this.v = v;
  }

  @Override
  public void apply(Context ctx, CamkesModel.Connection c) {
    CamkesModel.End serverEnd = c.to().get(0);
    PdPlan server = ctx.plan.pd(serverEnd.instance());
    CamkesModel.Interface si = ctx.iface(serverEnd);
    CamkesModel.Procedure proc = si == null ? null : ctx.procedure(si.type());
    if (server == null || proc == null) {
      ctx.report.add(ConnectionRule.construct(c), Kind.MANUAL, "nothing generated: the server '"
          + serverEnd + "' is not a protection domain or its procedure is unknown",
          "connect the client to a PD by hand", c.span());
      return;
    }
    server.pp = true;
    boolean marshalBuffer = RpcTypes.needsBuffer(proc);
    List<String> parts = new ArrayList<>();
    int index = 0;
    for (CamkesModel.End clientEnd : c.from()) {
      PdPlan client = ctx.plan.pd(clientEnd.instance());
      int clientIndex = index++;
      if (client == null) continue;
      Long badge = ctx.longSetting(clientEnd.instance(), clientEnd.iface() + "_attributes",
          c.span());
      if (badge != null) clientIndex = badge.intValue();
      int[] ids = ctx.channel(client, server, true, c.span());
      ctx.rpcEdges.add(new Context.RpcEdge(client.instance, server.instance, c));
      String clientBuf = null;
      String serverBuf = null;
      if (marshalBuffer) {
        String r = ctx.plan.addRegion(c.name() + "_" + client.name + "_rpc", 0x1000, 0x1000, null);
        clientBuf = clientEnd.iface() + "_rpc_buf";
        serverBuf = serverEnd.iface() + "_rpc_buf_" + clientIndex;
        ctx.map(client, r, 0x1000, "rw", true, clientBuf, "void", PdPlan.MapRole.RPC_BUFFER,
            clientEnd.iface());
        ctx.map(server, r, 0x1000, "rw", true, serverBuf, "void", PdPlan.MapRole.RPC_BUFFER,
            serverEnd.iface());
      }
      if (v.dataport()) {
        long size = VaddrAllocator.alignUp(sizeOf(ctx, clientEnd, serverEnd, c), 0x1000);
        String r = ctx.plan.addRegion(c.name() + "_" + client.name + "_buf", size, 0x1000, null);
        ctx.map(client, r, size, "rw", true, clientEnd.iface() + "_buf", "void",
            PdPlan.MapRole.DATAPORT, clientEnd.iface());
        ctx.map(server, r, size, "rw", true, serverEnd.iface() + "_buf_" + clientIndex, "void",
            PdPlan.MapRole.DATAPORT, serverEnd.iface());
      }
      client.channels.add(new PdPlan.ChannelUse(ids[0], clientEnd.iface(), server.name,
          PdPlan.ChannelRole.RPC_CLIENT, proc, clientIndex, clientBuf, v.signal()));
      server.channels.add(new PdPlan.ChannelUse(ids[1], serverEnd.iface(), client.name,
          PdPlan.ChannelRole.RPC_SERVER, proc, clientIndex, serverBuf, v.signal()));
      parts.add(client.name + ":" + ids[0] + " -> " + server.name + ":" + ids[1]);
    }
    String pp = ctx.options.dialect() == Dialect.MICROKIT ? "pp on each client's end"
        : "pp=\"true\" on '" + server.name + "'";
    Kind kind = v.kind();
    String note = v.note();
    if (kind == Kind.EXACT && !RpcTypes.allScalar(proc)) {
      kind = Kind.APPROXIMATE;
      note = "strings, arrays and non-integer arguments travel through a 4 KiB buffer region"
          + " per client (longer ones are cut off); keep them smaller"
          + (returnsVariable(proc) ? "; out/inout strings and arrays and string results point"
              + " into that buffer (valid until the next call) where CAmkES returns malloc'd"
              + " copies: do not free them, copy what must outlive the call" : "");
    }
    ctx.report.add(ConnectionRule.construct(c), kind, "channel per client (" + String.join(", ",
        parts) + "), " + pp + "; stubs " + si.type() + " by message registers"
        + (marshalBuffer ? " and a buffer region" : "") + (v.dataport()
            ? "; a shared region per client as " + c.from().get(0).iface() + "_buf" : "")
        + (v.signal() ? "; server signals clients on the same channel" : ""), note, c.span());
    for (CamkesModel.Method m : proc.methods()) {
      String why = RpcTypes.unsupported(m);
      if (why != null) {
        ctx.report.add("method " + proc.name() + "." + m.name(), Kind.MANUAL,
            "no stub generated: " + why, "pass the data through a dataport (a shared memory"
            + " region) and its size or offset as a scalar argument", m.span());
      }
    }
    if (c.from().size() > 1) {
      ctx.report.add("connection " + c.name() + " " + serverEnd.iface() + "_get_sender_id()",
          Kind.EXACT, "the caller's id from the channel it called on (clients numbered in"
          + " connection order, or by <client>.<iface>_attributes)", "", c.span());
    }
  }

  private static boolean returnsVariable(CamkesModel.Procedure proc) {
    for (CamkesModel.Method m : proc.methods()) {
      if (RpcTypes.unsupported(m) == null && RpcTypes.variableOutputs(m)) return true;
    }
    return false;
  }

  private static long sizeOf(Context ctx, CamkesModel.End client, CamkesModel.End server,
      CamkesModel.Connection c) {
    for (String a : new String[] {"_shmem_size", "_buf_size"}) {
      Long n = ctx.longSetting(client.instance(), client.iface() + a, c.span());
      if (n != null && n > 0) return n;
      n = ctx.longSetting(server.instance(), server.iface() + a, c.span());
      if (n != null && n > 0) return n;
    }
    return 0x1000;
  }
}
