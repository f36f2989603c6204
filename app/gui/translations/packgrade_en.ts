<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AppSettings</name>
    <message>
        <source>Database: &quot;%1&quot; is neither sqlite:PATH nor postgresql://user@host:port/db.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users: every user needs a name and one of the roles %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language: &quot;%1&quot; is not one of %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GradeText</name>
    <message>
        <source>REUSE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REPURPOSE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RECYCLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RETEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EV reuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light-EV reuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stationary storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BMS cross-check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mV/day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 °C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Ω/V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 % ± %2 % (interval %3 … %4 %)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Cannot start the simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot use this profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>simulator: cannot serve SCPI: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultTables</name>
    <message>
        <source>pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>straddles: retest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Margin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conservative end of the measured interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Module</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SoH C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SoH R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SoH capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SoH resistance (R0 new / R0 now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell voltage spread at rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weak: −%1 pts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionRecovery</name>
    <message>
        <source>%1: closed (interrupted, every sample kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not closed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• %1 (%2, started %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted test sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n test session(s) were left running when PackGrade stopped last time:</source>
        <translation>
            <numerusform>%n test session was left running when PackGrade stopped last time:</numerusform>
            <numerusform>%n test sessions were left running when PackGrade stopped last time:</numerusform>
        </translation>
    </message>
    <message>
        <source>%1

Close them now: each is marked interrupted and sealed with every sample it has, and can then be graded. To continue one instead, leave it and run `packgrade-cli session resume DIR` (simulated packs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1: %2 %3 (%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished before the interruption: none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished before the interruption: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut short: the plan had not reached its first step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut short: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume runs in the same folder. First the BMS snapshot, the identity and the safety pre-check at rest run again (the pack may have changed while PackGrade was down), then:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume runs in the same folder. First the BMS snapshot and the identity are read again, before the load is switched on, then:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — every step runs again, the finished ones too: a grade is made from one unbroken run of the plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interrupted attempt is kept, sealed, in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated pack: it restarts at the state of charge the attempt left it (the charge it took out is subtracted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect the same pack on the Bench screen before resuming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume the interrupted session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

Close it instead: its data is kept and can be graded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

Resume continues the latest one (%2) in its folder; you will see what runs again first. Close marks each one interrupted and seals it with every sample it has; it can then be graded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume the latest…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::BenchController</name>
    <message>
        <source>Cannot connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

Check that the adapter is plugged in, the name is right and the bitrate matches the pack.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error-active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>simulated pack %1 (SCPI load on 127.0.0.1:%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BUS-OFF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error-passive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error-warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error counters n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TEC %1, REC %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — load %2 % — %3 — %4 — %5 frames, %6 dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a test is already running; abort it first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect to a pack first (Bench screen)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::BenchPage</name>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CAN adapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>virtualcan:can0, socketcan:can0, slcan:/dev/ttyACM0, replay:FILE@speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adapter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bitrate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect (listen-only)  [F5]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A first connection only listens: the bench never transmits to a pack it does not know.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in simulator (no pack on the bench)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack spec:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> × real time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start simulated pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none: frame monitor only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Detect from traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect, let the pack talk for a few seconds, then detect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack rating (used by the procedures and the safety limits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chemistry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> cells in series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Ah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nominal capacity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>

Pick one of the specs in the list or check the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No known profile matches the ids seen so far. Is the pack awake and the bitrate right?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3 messages seen (%4 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best match first:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot use this profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect  [F5]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop simulated pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::CellChart</name>
    <message>
        <source>cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outlier (&gt; %1 mV from the median)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cell (series group)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voltage (V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no cell voltages yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min %1 V (cell %2)  ·  mean %3 V  ·  max %4 V (cell %5)  ·  spread %6 mV
lines: min red, mean grey, max green  ·  orange bars: more than %7 mV from the median (%8 now)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::CertificatePreview</name>
    <message>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificate to preview: sign the grade first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Battery SoH certificate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::ExportDialog</name>
    <message>
        <source>Export graded packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (spreadsheets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (docs/export.schema.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file to write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only packs graded since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One record per graded pack (its latest grade).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file to export to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n graded pack(s) exported to %1.</source>
        <translation>
            <numerusform>%n graded pack exported to %1.</numerusform>
            <numerusform>%n graded packs exported to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::FadePlot</name>
    <message>
        <source>Cycles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity (% of nominal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range of fade models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fitted fade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %: cycle %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %: not reached</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::FrameMonitorPage</name>
    <message>
        <source>Bus events</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::FrameTableModel</name>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate (1/s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remote request</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::GradingScreens</name>
    <message>
        <source>Inventory not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

Check the database and policy in Settings (Ctrl+,).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session was not graded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

The session stays in %2; `packgrade-cli grade --session %2` grades it later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No inventory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grade is in %1/grade.json but no inventory is open: check the database in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grade was not stored</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::InventoryPageModel</name>
    <message>
        <source>Serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graded (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chemistry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::InventoryView</name>
    <message>
        <source>Serial, VIN or part number (starts with)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graded from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>counting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::LivePage</name>
    <message>
        <source>V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>°C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack voltage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current (+ discharge)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SoC (BMS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature min / max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SoH (BMS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Isolation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature sensors (°C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BMS trouble codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— °C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2 °C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAULT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sensor %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T max</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::MainWindow</name>
    <message>
        <source>PackGrade bench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect / disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Abort test (load off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test running: step %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last test: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grade of the last test appears here when its plan completes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the inventory…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+1 … Ctrl+7
switch screens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export inventory…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close &amp;interrupted sessions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No interrupted sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture a &amp;profile from the bus…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot resume the session</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::PackDetailView</name>
    <message>
        <source>Choose a pack in the table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graded (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SoH capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Grades&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Test sessions&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Audit trail of the latest grade&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Re-grade with current policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview c&amp;ertificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>re-grade: no policy loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-graded under %1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate: no policy or site key set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate: %1 was never graded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the pack&apos;s history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing and drawing the certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VIN %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grade &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::ProfileWizard</name>
    <message>
        <source>Capture a pack profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every CAN id seen on the bus. Choose one that carries the quantity you want, e.g. the id whose bytes change when the load is switched on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intel (little-endian, start = LSB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Motorola (big-endian, start = MSB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed (two&apos;s complement)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start bit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length (bits):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Byte order:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale (value = raw × scale + offset):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signal name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot field:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Element (cells, sensors):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the bits and watch the value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charge or discharge the pack a little: the live value must follow. Add each quantity to the profile, then go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add to profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile file and its DBC, side by side; share both with other benches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message chosen yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no value (frame too short or definition invalid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a message first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added. Mappings in the profile: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>captured at the bench with the profile wizard; check against the pack&apos;s documentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 and its DBC.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::ResultView</name>
    <message>
        <source>&lt;b&gt;Modules&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Remaining-life projection&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No capacity history for this pack yet: the projection needs capacities measured over its cycles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State of health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SoH capacity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SoH resistance (R0 new / R0 now):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cell voltage spread at rest:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grader&apos;s review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the override (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No application met.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target application: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · until retested: %1 · tests: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · policy said %1, overridden by the grader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No module replacement would change the grade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advice: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sign: approve or override the grade first, and set up the site key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VIN %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 Ah, %3 V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sign: the inventory holds no grade %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::RunPage</name>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety limits in force (any breach switches the load off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABORT — load off  [Esc]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack: %1, %2 cells in series, %3 Ah
Cell voltage: procedures stop at %4–%5 V; safety stop outside %6–%7 V
Temperature: stop above %8 °C or below %9 °C (sensor fault)
Current: at most %10 A · BMS silent for %11 s: stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABORT requested: switching the load off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aborting: switching the load off…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABORTED — the load is off. See the log for why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current, + discharge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity alone: charge to full, C/3 discharge to the cut-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HPPC alone: pulses at 9 SoC levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started plan %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plan %1%2 — session %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grading the session (as `packgrade-cli grade --session`)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not graded: the plan did not complete; `packgrade-cli grade --session %1` grades what was measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed. The session is graded on the Result screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aborted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>discharge pulse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rest after discharge pulse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>charge pulse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rest after charge pulse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C/3 discharge to the next level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CC-CV charge to full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rest before discharge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CC discharge to the cut-off of the pack and the weakest cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rest after discharge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>charge back to the storage SoC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rest after the charge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the pack at rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>level %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CC-CV charge to full (taper at %1 A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rest until dV/dt &lt; %1 mV/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phase: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot resume: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a test is running; abort it first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was recorded on the bench: connect the same pack first (Bench screen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resuming %1: %2; the interrupted attempt is kept in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resumed plan %1: %2 (the snapshot and pre-check first)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::RunWorker</name>
    <message>
        <source>lost SCPI connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site and bench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grading policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sqlite:/path/inventory.sqlite  or  postgresql://user@host:5432/packgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inventory database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: an SQLite file in the user&apos;s data folder. Use PostgreSQL when several benches share one inventory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site name (on certificates):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bench name (in session records):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark colour theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not loaded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show key (create if none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export public key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates are signed with this Ed25519 key. Give the public key to whoever verifies them; the secret never leaves this folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(built-in policy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 version %2
sha256 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot use it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This bench is used by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a supervisor can change users.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

Choose a folder only you can read, or fix its permissions (0700).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (new key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>

Correct it, or Cancel to keep the previous settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language applies when PackGrade is started again (or: packgrade --lang de).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::SettingsPage</name>
    <message>
        <source>Edit settings…  [Ctrl+,]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite file in the user&apos;s data folder (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not set: certificates need it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built-in default policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(nobody signed in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system language (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Settings&lt;/h2&gt;&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Inventory database&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Site&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Bench&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Signing key folder&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Grading policy&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Colour theme&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Language&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%9&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;User&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%7 (%8)&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (shown now: %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pg::app::TrendPlot</name>
    <message>
        <source>test time (h:min:s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
