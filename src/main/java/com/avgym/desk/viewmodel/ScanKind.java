package com.avgym.desk.viewmodel;

/** Which command a scan was: the success text differs ("Checked in" / "Checked out"). */
public enum ScanKind {
    CHECK_IN, CHECK_OUT
}
